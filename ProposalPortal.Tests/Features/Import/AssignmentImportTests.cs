using ProposalPortal.Data;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Import;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Import;

/// <summary>Importing assignment lists into a real database: the preview's problems, all or nothing, no double import.</summary>
public abstract class AssignmentImportTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    private static readonly Actor Office = new(0, "尤四", StaffRoles.Office);
    private TestPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await TestPortal.StartAsync(provider: Provider);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private AssignmentImportService Service => _portal.Scoped<AssignmentImportService>();

    private async Task<int> CountAsync()
    {
        await using var db = _portal.Db();
        return await db.Proposals.CountAsync();
    }

    [ProviderFact]
    public async Task ACleanListImportsEveryRowWithRuleDeadlinesWhereNoneIsGiven()
    {
        var file = ImportFiles.Xlsx(ImportFiles.CleanRows());

        var preview = await Service.PreviewAsync("交办清单.xlsx", file);
        Assert.True(preview.IsClean, string.Join(";", preview.Rows.SelectMany(r => r.Problems)));
        Assert.Equal(3, preview.NewRows.Count);

        var outcome = await Service.ImportAsync("交办清单.xlsx", file, Office);

        Assert.True(outcome.Succeeded, outcome.Outcome.Error);
        Assert.Equal(3, outcome.Imported);
        await using var db = _portal.Db();
        var items = await db.Proposals.Include(p => p.Proposers).OrderBy(p => p.Number).ToListAsync();
        var lead = items.Single(p => p.Number == 7);
        Assert.Equal((Level.City, ProposalKind.Proposal, HandlingRole.Lead), (lead.Level, lead.Kind, lead.Role));
        Assert.Equal(new DateOnly(2023, 6, 15), lead.Deadline); // 3 months after 2023-03-15, by the rules
        Assert.Equal(DeadlineRule.LeadReply, lead.DeadlineRule);
        Assert.Equal(["张三", "李四"], lead.Proposers.OrderBy(p => p.Order).Select(p => p.Name));
        var assisting = items.Single(p => p.Number == 45);
        Assert.Equal((Level.Prefecture, ProposalKind.Suggestion, HandlingRole.Assisting), (assisting.Level, assisting.Kind, assisting.Role));
        Assert.Equal("州交通运输局", assisting.LeadUnit);
        Assert.Equal(new DateOnly(2023, 4, 30), assisting.Deadline); // the list's 办理时限 wins
        Assert.Equal(DeadlineRule.ExplicitOnImport, assisting.DeadlineRule);
        var key = items.Single(p => p.Number == 12);
        Assert.True(key.IsKey);
        Assert.Equal(new DateOnly(2023, 3, 20), key.AssignedOn);
        Assert.Equal(["赵六", "钱七"], key.Proposers.OrderBy(p => p.Order).Select(p => p.Name));
        Assert.All(items, p => Assert.Equal(ProposalState.Registered, p.State));
    }

    [ProviderFact]
    public async Task ImportingTheSameListTwiceAddsNothingTheSecondTime()
    {
        var file = ImportFiles.Xlsx(ImportFiles.CleanRows());
        Assert.Equal(3, (await Service.ImportAsync("a.xlsx", file, Office)).Imported);

        var preview = await Service.PreviewAsync("a.xlsx", file);
        var again = await Service.ImportAsync("a.xlsx", file, Office);

        Assert.True(preview.IsClean);
        Assert.Equal(3, preview.AlreadyRegisteredCount);
        Assert.True(again.Succeeded);
        Assert.Equal(0, again.Imported);
        Assert.Equal(3, await CountAsync());
    }

    [ProviderFact]
    public async Task AListWithOneNewRowAddsOnlyThatRow()
    {
        await Service.ImportAsync("a.xlsx", ImportFiles.Xlsx(ImportFiles.CleanRows()), Office);
        var rows = ImportFiles.CleanRows();
        rows.Add(["2023", "市政协", "市政协十届二次会议", "8", "关于另一件事的提案", "孙八", "主办", "", "", "2023-03-15", "", "", ""]);

        var outcome = await Service.ImportAsync("b.xlsx", ImportFiles.Xlsx(rows), Office);

        Assert.Equal(1, outcome.Imported);
        Assert.Equal(4, await CountAsync());
    }

    public static TheoryData<int, string, string, string> BrokenCells() => new()
    {
        // row index in CleanRows, column, bad value, the problem the Office reads
        { 0, AssignmentList.Source, "省政协", "来源“省政协”无法识别，应为州人大、州政协、市人大或市政协" },
        { 1, AssignmentList.AssignedOn, "2023-02-30", "交办日期“2023-02-30”不是有效日期" },
        { 1, AssignmentList.Deadline, "下月底", "办理时限“下月底”不是有效日期" },
        { 2, AssignmentList.Title, "", "标题为空" },
        { 0, AssignmentList.Role, "会办", "承办方式“会办”无效，应为主办或协办" },
        { 0, AssignmentList.Number, "十二", "编号“十二”无效，应为正整数" },
        { 2, AssignmentList.IsKey, "重点", "是否重点“重点”无效" },
    };

    [ProviderTheory]
    [MemberData(nameof(BrokenCells))]
    public async Task ABrokenCellIsNamedOnItsRowAndNothingIsImported(int row, string column, string value, string problem)
    {
        var rows = ImportFiles.CleanRows();
        rows[row][Array.IndexOf(ImportFiles.Header, column)] = value;
        var file = ImportFiles.Xlsx(rows);

        var preview = await Service.PreviewAsync("清单.xlsx", file);
        var outcome = await Service.ImportAsync("清单.xlsx", file, Office);

        Assert.False(preview.IsClean);
        var broken = Assert.Single(preview.Rows, r => !r.IsClean);
        Assert.Equal(row + 2, broken.Line); // as Excel numbers the line: the header is line 1
        Assert.Contains(broken.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.False(outcome.Succeeded);
        Assert.Equal(0, outcome.Imported);
        Assert.Equal(0, await CountAsync());
    }

    [ProviderFact]
    public async Task AMissingColumnIsNamed()
    {
        var header = ImportFiles.Header.Where(h => h != AssignmentList.AssignedOn).ToArray();
        var rows = ImportFiles.CleanRows().Select(r => r.Where((_, i) => i != Array.IndexOf(ImportFiles.Header, AssignmentList.AssignedOn)).ToArray());

        var preview = await Service.PreviewAsync("清单.xlsx", ImportFiles.Xlsx(header, rows));

        Assert.False(preview.IsClean);
        Assert.Contains(preview.FileProblems, p => p.StartsWith("缺少列：交办日期", StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task AListWithTheEarlierHeader办理方式StillImports()
    {
        var header = ImportFiles.Header.Select(h => h == AssignmentList.Role ? "办理方式" : h).ToArray();

        var outcome = await Service.ImportAsync("清单.xlsx", ImportFiles.Xlsx(header, ImportFiles.CleanRows()), Office);

        Assert.Equal("承办方式", AssignmentList.Role);
        Assert.Equal(3, outcome.Imported);
    }

    [ProviderFact]
    public async Task ColumnsMayComeInAnyOrder()
    {
        var order = Enumerable.Range(0, ImportFiles.Header.Length).Reverse().ToArray();
        var header = order.Select(i => ImportFiles.Header[i]).ToArray();
        var rows = ImportFiles.CleanRows().Select(r => order.Select(i => r[i]).ToArray());

        var outcome = await Service.ImportAsync("清单.xlsx", ImportFiles.Xlsx(header, rows), Office);

        Assert.Equal(3, outcome.Imported);
    }

    [ProviderFact]
    public async Task ARowRepeatedInTheFileIsPointedAtItsFirstLine()
    {
        var rows = ImportFiles.CleanRows();
        rows.Add((string[])rows[0].Clone());

        var preview = await Service.PreviewAsync("清单.xlsx", ImportFiles.Xlsx(rows));

        var duplicate = Assert.Single(preview.Rows, r => !r.IsClean);
        Assert.Equal(5, duplicate.Line);
        Assert.Contains("与第2行重复", duplicate.Problems.Single(), StringComparison.Ordinal);
        Assert.Equal(0, (await Service.ImportAsync("清单.xlsx", ImportFiles.Xlsx(rows), Office)).Imported);
    }

    [ProviderFact]
    public async Task ANumberAlreadyTakenInTheSessionByAnotherItemIsAProblem()
    {
        await Service.ImportAsync("a.xlsx", ImportFiles.Xlsx(ImportFiles.CleanRows()), Office);
        var rows = ImportFiles.CleanRows();
        rows[0][Array.IndexOf(ImportFiles.Header, AssignmentList.Title)] = "关于完全不同事项的提案";
        rows.Add(["2023", "市政协", "市政协十届二次会议", "9", "一件新的提案", "孙八", "主办", "", "", "2023-03-15", "", "", ""]);

        var preview = await Service.PreviewAsync("b.xlsx", ImportFiles.Xlsx(rows));
        var outcome = await Service.ImportAsync("b.xlsx", ImportFiles.Xlsx(rows), Office);

        var taken = Assert.Single(preview.Rows, r => !r.IsClean);
        Assert.Equal("市政协十届二次会议第7号已经登记为《关于加快城乡物流体系建设的提案》，与本行标题不同", taken.Problems.Single());
        Assert.Equal(0, outcome.Imported);
        Assert.Equal(3, await CountAsync()); // the new 第9号 waits for the file to be clean
    }

    [ProviderTheory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-8")]
    [InlineData("gb18030")]
    public async Task CsvInUtf8WithOrWithoutBomAndInGb18030ReadsTheSameChinese(string encoding)
    {
        var file = encoding switch
        {
            "utf-8-bom" => ImportFiles.Csv(ImportFiles.CleanRows(), new UTF8Encoding(true), bom: true),
            "utf-8" => ImportFiles.Csv(ImportFiles.CleanRows(), new UTF8Encoding(false), bom: false),
            _ => ImportFiles.Csv(ImportFiles.CleanRows(), AssignmentFileReader.Gb18030, bom: false),
        };
        if (encoding == "gb18030")
        {
            // Really GB18030 bytes, not UTF-8 in disguise.
            Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(file));
        }

        var outcome = await Service.ImportAsync("清单.csv", file, Office);

        Assert.True(outcome.Succeeded, outcome.Outcome.Error + string.Join(";", outcome.Preview.Rows.SelectMany(r => r.Problems)));
        await using var db = _portal.Db();
        Assert.Equal(["关于加快城乡物流体系建设的提案", "关于推进数字乡村建设的建议", "关于完善农村客运网络的建议"],
            await db.Proposals.OrderBy(p => p.Number).Select(p => p.Title).ToListAsync());
    }

    [ProviderFact]
    public async Task ACsvFieldWithCommasAndQuotesStaysOneField()
    {
        var rows = ImportFiles.CleanRows();
        rows[0][Array.IndexOf(ImportFiles.Header, AssignmentList.Content)] = "一是加快建设，二是\"完善\"政策";

        await Service.ImportAsync("清单.csv", ImportFiles.Csv(rows, new UTF8Encoding(false), bom: false), Office);

        await using var db = _portal.Db();
        Assert.Equal("一是加快建设，二是\"完善\"政策", await db.Proposals.Where(p => p.Number == 7).Select(p => p.Content).SingleAsync());
    }

    [ProviderFact]
    public async Task ExcelDateCellsAreRead()
    {
        var header = ImportFiles.Header;
        var row = ImportFiles.CleanRows()[0].Cast<object?>().ToList();
        row[Array.IndexOf(header, AssignmentList.AssignedOn)] = 45000; // Excel's serial for 2023-03-15
        row[Array.IndexOf(header, AssignmentList.Year)] = 2023;
        var file = new ProposalPortal.Features.Common.XlsxWriter().Sheet("s", header, [row]).ToBytes();

        var preview = await Service.PreviewAsync("清单.xlsx", file);

        Assert.Equal(new DateOnly(2023, 3, 15), Assert.Single(preview.Rows).AssignedOn);
    }

    [ProviderTheory]
    [InlineData("清单.xls", "不支持的文件类型（.xls）")]
    [InlineData("清单.txt", "不支持的文件类型（.txt）")]
    [InlineData("清单", "不支持的文件类型（无扩展名）")]
    public async Task OtherFileTypesAreRefused(string name, string message)
    {
        var preview = await Service.PreviewAsync(name, ImportFiles.Xlsx(ImportFiles.CleanRows()));

        Assert.StartsWith(message, Assert.Single(preview.FileProblems), StringComparison.Ordinal);
        Assert.Equal(0, (await Service.ImportAsync(name, ImportFiles.Xlsx(ImportFiles.CleanRows()), Office)).Imported);
    }

    [ProviderFact]
    public async Task FilesOverTenMegabytesAreRefused()
    {
        var big = new byte[AssignmentFileReader.MaxBytes + 1];

        var preview = await Service.PreviewAsync("清单.csv", big);

        Assert.Equal("文件过大：交办清单不能超过10MB", Assert.Single(preview.FileProblems));
    }

    [ProviderFact]
    public async Task AnXlsxThatIsNotOneIsRefusedWithAMessage()
    {
        var preview = await Service.PreviewAsync("清单.xlsx", Encoding.UTF8.GetBytes("年度，来源\n2023，市政协"));

        Assert.StartsWith("无法读取该 Excel 文件", Assert.Single(preview.FileProblems), StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task OnlyTheOfficeImports()
    {
        var section = new Actor(5, "何六", StaffRoles.SectionStaff, 10);

        var outcome = await Service.ImportAsync("清单.xlsx", ImportFiles.Xlsx(ImportFiles.CleanRows()), section);

        Assert.Equal("只有办公室可以导入交办清单", outcome.Outcome.Error);
        Assert.Equal(0, await CountAsync());
    }

    [ProviderFact]
    public async Task TheTemplateHasEveryColumnAndItsExampleRowsAreClean()
    {
        var (table, problem) = AssignmentFileReader.Read("模板.xlsx", AssignmentImportService.Template());

        Assert.Null(problem);
        Assert.Equal([.. AssignmentList.Columns, "承办科室", "承办人"], table!.Headers);
        Assert.True((await Service.PreviewAsync("模板.xlsx", AssignmentImportService.Template())).IsClean);
    }
}

/// <summary><see cref="AssignmentImportTests"/> on SQLite.</summary>
public sealed class AssignmentImportTestsOnSqlite : AssignmentImportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="AssignmentImportTests"/> on PostgreSQL.</summary>
public sealed class AssignmentImportTestsOnPostgreSql : AssignmentImportTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
