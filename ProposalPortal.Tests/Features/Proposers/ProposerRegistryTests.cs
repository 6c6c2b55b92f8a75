using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Proposers;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposers;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Proposers;

/// <summary>代表委员库 over a real database: import, linking at registration, merge, history and who may use it.</summary>
public abstract class ProposerRegistryTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses.</summary>
    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider);
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private ProposerRegistry Registry => _portal.Scoped<ProposerRegistry>();

    private static byte[] Xlsx(string[] header, params string[][] rows) =>
        new XlsxWriter().Sheet("名单", header, rows.Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList())).ToBytes();

    private static readonly string[] CppccHeader = ["姓名", "届别", "界别", "工作单位", "手机", "办公电话", "通讯地址", "电子邮箱"];

    private async Task<List<RegisteredProposer>> EntriesAsync()
    {
        await using var db = _portal.Db();
        return await db.RegisteredProposers.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
    }

    [ProviderFact]
    public async Task ACppccListAddsMembersAndImportingItAgainUpdatesThemInsteadOfAddingTwice()
    {
        var file = Xlsx(CppccHeader,
            ["李春闻", "市十届", "经济界", "某某公司", "13800000011", "0878-3000011", "鹿城镇一号", "li@example.cn"],
            ["王 芳", "市十届", "教育界", "", "", "", "", ""]);

        var first = await Registry.ImportAsync(_scenario.Office, "政协委员名单.xlsx", file);

        Assert.True(first.Succeeded, first.Outcome.Error);
        Assert.Equal((2, 0), (first.Added, first.Updated));
        var entries = await EntriesAsync();
        Assert.Equal(["李春闻", "王芳"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal(ProposerBody.Member, e.Body));
        Assert.Equal("li@example.cn", entries[0].Email);

        var again = await Registry.ImportAsync(_scenario.Office, "政协委员名单.xlsx", Xlsx(CppccHeader,
            ["李春闻", "市十届", "经济界", "某某公司", "13900000022", "0878-3000011", "鹿城镇一号", "li@example.cn"]));

        Assert.Equal((0, 1), (again.Added, again.Updated));
        Assert.Equal("13900000022", (await EntriesAsync()).Single(e => e.Name == "李春闻").Mobile);
    }

    [ProviderFact]
    public async Task AListWithBadRowsImportsNothingAndNamesEachRowInChinese()
    {
        var file = Xlsx(["姓名", "届别", "代表团", "手机", "电子邮箱"],
            ["赵六", "市十八届", "城区代表团", "13800000001", "zhao@example.cn"],
            ["钱七", "市十八届", "城区代表团", "打电话", ""],
            ["", "市十八届", "城区代表团", "", ""],
            ["孙八", "市十八届", "城区代表团", "", "sun-at-example"]);

        var outcome = await Registry.ImportAsync(_scenario.Office, "人大代表名单.xlsx", file);

        Assert.False(outcome.Succeeded);
        Assert.Equal("名单中有3处问题，未导入任何一条", outcome.Outcome.Error);
        Assert.Equal(["第3行：手机号码“打电话”格式不对", "第4行：请填写姓名", "第5行：电子邮箱“sun-at-example”格式不对"], outcome.Problems);
        Assert.Empty(await EntriesAsync());
    }

    [ProviderFact]
    public async Task AListWithoutAGroupColumnIsRefusedBecauseItsBodyIsUnknown()
    {
        var outcome = await Registry.ImportAsync(_scenario.Office, "名单.xlsx", Xlsx(["姓名", "手机"], ["赵六", "13800000001"]));

        Assert.False(outcome.Succeeded);
        Assert.Contains("代表团", Assert.Single(outcome.Problems), StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync());
    }

    [ProviderFact]
    public async Task RegistrationLinksAKnownNameAndCreatesNoEntryForAnUnknownOne()
    {
        var known = (await Registry.AddAsync(_scenario.Office, new ProposerDetails("提案人甲", ProposerBody.Member, Mobile: "13800000001"))).Value;
        // A deputy of the same name is someone else: a proposal's proposer is a CPPCC member.
        await Registry.AddAsync(_scenario.Office, new ProposerDetails("提案人乙", ProposerBody.Deputy));

        var item = await _scenario.ItemAsync(ProposalState.Registered, proposers: [new Proposer("提案人甲"), new Proposer("提案人乙")]);

        Assert.Equal(known, item.Proposers.Single(p => p.Name == "提案人甲").RegistryId);
        Assert.Null(item.Proposers.Single(p => p.Name == "提案人乙").RegistryId);
        Assert.Equal(2, (await EntriesAsync()).Count);
        var lookup = await Registry.LookupAsync(["提案人甲", "提案人乙"], ProposalKind.Proposal);
        Assert.Equal([true, false], lookup.Select(m => m.IsKnown));
    }

    [ProviderFact]
    public async Task TwoEntriesOfTheSameNameLinkNeitherUntilTheOfficeMergesThem()
    {
        var kept = (await Registry.AddAsync(_scenario.Office, new ProposerDetails("提案人甲", ProposerBody.Member, Term: "市九届"))).Value;
        var earlier = await _scenario.ItemAsync(ProposalState.Registered);
        var merged = (await Registry.AddAsync(_scenario.Office, new ProposerDetails("提案人甲", ProposerBody.Member, Term: "市十届",
            Email: "jia@example.cn"))).Value;
        var ambiguous = await _scenario.ItemAsync(ProposalState.Registered);
        Assert.Equal(kept, earlier.Proposers[0].RegistryId);
        Assert.Null(ambiguous.Proposers[0].RegistryId);
        // Link the ambiguous one by hand to the second entry, as the merge must move it.
        await using (var db = _portal.Db())
        {
            (await db.Set<Proposer>().SingleAsync(p => p.Id == ambiguous.Proposers[0].Id)).LinkToRegistry(merged);
            await db.SaveChangesAsync();
        }

        var result = await Registry.MergeAsync(_scenario.Office, kept, merged);

        Assert.True(result.IsOk, result.Error);
        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((kept, "市九届", "jia@example.cn"), (entry.Id, entry.Term, entry.Email));
        var history = (await Registry.HistoryAsync(_scenario.Office, kept)).Value!;
        Assert.Equal([earlier.Id, ambiguous.Id], history.Items.Select(i => i.ProposalId).Order());
        await using var check = _portal.Db();
        var record = await check.AdminAuditEntries.AsNoTracking().SingleAsync(a => a.Action == AdminActions.ProposerMerge);
        Assert.Equal(_scenario.Office.Name, record.ActorName);
        Assert.Contains("市十届", record.Before, StringComparison.Ordinal);
        Assert.Contains("转入1件", record.After, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task TheHistoryShowsEachItemWithItsReplyAndTheProposersOwnSatisfaction()
    {
        var id = (await Registry.AddAsync(_scenario.Office, new ProposerDetails("提案人甲", ProposerBody.Member))).Value;
        var evaluated = await _scenario.ItemAsync(ProposalState.Evaluated);
        var open = await _scenario.ItemAsync(ProposalState.InProgress);

        var history = (await Registry.HistoryAsync(_scenario.Office, id)).Value!;

        var done = history.Items.Single(i => i.ProposalId == evaluated.Id);
        Assert.True(done.IsLead);
        Assert.Equal(Satisfaction.Satisfied, done.Satisfaction);
        Assert.NotNull(done.RepliedOn);
        Assert.NotNull(done.DocumentNumber);
        var pending = history.Items.Single(i => i.ProposalId == open.Id);
        Assert.Equal((ProposalState.InProgress, (Satisfaction?)null, (DateOnly?)null), (pending.State, pending.Satisfaction, pending.RepliedOn));
    }

    [ProviderFact]
    public async Task OnlyTheOfficeKeepsTheRegistryAndABadEditChangesNothing()
    {
        var id = (await Registry.AddAsync(_scenario.Office, new ProposerDetails("提案人甲", ProposerBody.Member, Mobile: "13800000001"))).Value;

        Assert.Equal("只有办公室可以查看代表委员库", (await Registry.SearchAsync(_scenario.Handler, null, null)).Error);
        Assert.Equal("只有办公室可以维护代表委员库", (await Registry.UpdateAsync(_scenario.Handler, id, new ProposerDetails("张三", ProposerBody.Member))).Error);
        Assert.Equal("电子邮箱“not-an-email”格式不对",
            (await Registry.UpdateAsync(_scenario.Office, id, new ProposerDetails("提案人甲", ProposerBody.Member, Email: "not-an-email"))).Error);
        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal(("提案人甲", "13800000001", (string?)null), (entry.Name, entry.Mobile, entry.Email));
    }
}

/// <summary><see cref="ProposerRegistryTests"/> on SQLite.</summary>
public sealed class ProposerRegistryTestsOnSqlite : ProposerRegistryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="ProposerRegistryTests"/> on PostgreSQL.</summary>
public sealed class ProposerRegistryTestsOnPostgreSql : ProposerRegistryTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
