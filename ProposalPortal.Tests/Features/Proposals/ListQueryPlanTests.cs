using System.Text.RegularExpressions;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Proposals;

/// <summary>
/// The item list and 我的待办 stay fast at 100,000 items (issue 17; BENCHMARKS.md, "Lists"): guarded here without timing
/// anything. SQLite's planner has no statistics (the portal never runs ANALYZE), so the plan it picks over the demo data
/// is the plan it picks over a hundred thousand items: each filter must be answered from an index, never by reading the
/// whole Proposals table; and a page costs the same number of SQL commands however many rows it shows (no N+1).
/// </summary>
public sealed class ListQueryPlanTests : IAsyncLifetime
{
    private TestPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await TestPortal.StartAsync(demo: true);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    /// <summary>A step that reads the whole Proposals table row by row (not an index, not by id).</summary>
    private static readonly Regex FullTableScan = new(@"^SCAN (p|Proposals)\b(?!.*\bUSING\b)", RegexOptions.CultureInvariant);

    public static TheoryData<string> Filters() =>
    [
        "全部", "年度", "类别", "级别", "主协办", "状态", "科室", "重点", "临期", "超期", "未超期", "搜索两字", "搜索一字", "搜索编号",
        "年度+状态+科室", "年度+搜索", "全部年度+重点+超期", "科室人员",
    ];

    private static ProposalQuery QueryFor(string filter, int year, int sectionId) => filter switch
    {
        "全部" => new(),
        "年度" => new(Year: year),
        "类别" => new(Kind: ProposalKind.Proposal),
        "级别" => new(Level: Level.City),
        "主协办" => new(Role: HandlingRole.Assisting),
        "状态" => new(State: ProposalState.InProgress),
        "科室" => new(SectionId: sectionId),
        "重点" => new(IsKey: true),
        "临期" => new(Due: DueFilter.DueSoon),
        "超期" => new(Due: DueFilter.Overdue),
        "未超期" => new(Due: DueFilter.NotOverdue),
        "搜索两字" => new(Text: "充电"),
        "搜索一字" => new(Text: "桩"),
        "搜索编号" => new(Text: "第5号"),
        "年度+状态+科室" => new(Year: year, State: ProposalState.Closed, SectionId: sectionId),
        "年度+搜索" => new(Year: year, Text: "充电"),
        "全部年度+重点+超期" => new(IsKey: true, Due: DueFilter.Overdue),
        "科室人员" => new(Year: year),
        _ => throw new ArgumentOutOfRangeException(nameof(filter)),
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EachFilterOfTheItemListIsAnsweredFromAnIndex(string filter)
    {
        var actor = await _portal.ActorAsync(filter == "科室人员" ? "孔九" : "尤四");
        var sectionId = (await _portal.ActorAsync("孔九")).SectionId!.Value;
        var query = QueryFor(filter, _portal.Clock.Today.Year, sectionId);
        var queries = _portal.Scoped<ProposalQueryService>();

        ProposalPage page = null!;
        var commands = await SqlCommandRecorder.RecordAsync(async () => page = await queries.QueryAsync(query, actor));

        // The total for the pager and the page itself: two commands, the lead proposer of each row read inside the page's.
        Assert.Equal(2, commands.Count);
        await using var db = _portal.Db();
        foreach (var command in commands)
        {
            var plan = await SqlCommandRecorder.ExplainAsync(db, command);
            Assert.DoesNotContain(plan, step => FullTableScan.IsMatch(step));
            if (query.Due is DueFilter.Overdue or DueFilter.DueSoon)
            {
                // 超期/临期: a seek per open state on its deadlines, not a walk over every past deadline.
                Assert.Contains(plan, step => step.Contains("IX_Proposals_State_Deadline", StringComparison.Ordinal)
                    || step.Contains("IX_Proposals_Year_State_Deadline", StringComparison.Ordinal));
            }

            if (query.Text is not null)
            {
                // The words are looked up in the search index, not found by reading every title.
                Assert.Contains(plan, step => step.Contains("ProposalSearch VIRTUAL TABLE INDEX", StringComparison.Ordinal));
            }
        }

        if (filter.StartsWith("搜索两字", StringComparison.Ordinal))
        {
            Assert.NotEmpty(page.Rows);
            Assert.All(page.Rows, row => Assert.Contains("充电", row.Title, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task APageOfTheListCostsTwoCommandsHoweverManyRowsItShows()
    {
        var office = await _portal.ActorAsync("尤四");
        var queries = _portal.Scoped<ProposalQueryService>();

        var (small, few) = await SqlCommandCounter.CountAsync(() => queries.QueryAsync(new ProposalQuery(PageSize: 1), office));
        var (large, many) = await SqlCommandCounter.CountAsync(() => queries.QueryAsync(new ProposalQuery(PageSize: 100), office));

        Assert.Single(small.Rows);
        Assert.True(large.Rows.Count > 10, $"the demo data should fill more than 10 rows, got {large.Rows.Count}");
        Assert.All(large.Rows, row => Assert.NotEqual(string.Empty, row.LeadProposer));
        Assert.Equal(2, few);
        Assert.Equal(few, many);
    }

    [Theory]
    [InlineData("尤四")] // the Office: most of the waiting items
    [InlineData("杨一")] // the director: sign-off
    [InlineData("秦三")] // a deputy director: review
    [InlineData("孔九")] // section staff: drafting
    public async Task MyWorkIsOneIndexedQueryWhateverItHolds(string name)
    {
        var actor = await _portal.ActorAsync(name);
        var myWork = _portal.Scoped<MyWorkService>();
        await myWork.ForAsync(actor); // the working-day calendar is read once and cached for the process

        IReadOnlyList<MyWorkRow> rows = [];
        var commands = await SqlCommandRecorder.RecordAsync(async () => rows = await myWork.ForAsync(actor));

        Assert.NotEmpty(rows);
        var query = Assert.Single(commands);
        await using var db = _portal.Db();
        var plan = await SqlCommandRecorder.ExplainAsync(db, query);
        Assert.DoesNotContain(plan, step => FullTableScan.IsMatch(step));
        Assert.Contains(plan, step => step.Contains("IX_Proposals_WaitingForRole_WaitingForSectionId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("充电", "\"充电\"")]
    [InlineData("充电桩", "\"充电 电桩\"")]
    [InlineData("桩", "\"桩\"*")]
    [InlineData("LED 路灯", "\"LE ED\" AND \"路灯\"")]
    [InlineData("第12号", "\"第1 12 2号\"")]
    [InlineData("\"); DROP", "\"DR RO OP\"")]
    public void SearchWordsBecomeTheIndexsBigrams(string typed, string match) => Assert.Equal(match, ListSearch.Match(typed));

    [Fact]
    public void PunctuationAloneIsNoSearchOfTheIndex() => Assert.Null(ListSearch.Match("，。！"));
}
