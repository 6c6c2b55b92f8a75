using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
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
        "年度+状态+科室", "年度+搜索", "全部年度+重点+超期", "科室人员", "已办结", "年度+未超期", "年度+超期+重点", "搜索+重点",
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
        "已办结" => new(State: ProposalState.Closed),
        "年度+未超期" => new(Year: year, Due: DueFilter.NotOverdue),
        "年度+超期+重点" => new(Year: year, IsKey: true, Due: DueFilter.Overdue),
        "搜索+重点" => new(IsKey: true, Text: "充电"),
        _ => throw new ArgumentOutOfRangeException(nameof(filter)),
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EachFilterOfTheItemListIsAnsweredFromAnIndex(string filter)
    {
        var (query, actor) = await QueryAsync(filter);
        var queries = _portal.Scoped<ProposalQueryService>();

        ProposalPage page = null!;
        var commands = await SqlCommandRecorder.RecordAsync(async () => page = await queries.QueryAsync(query, actor));

        // The total for the pager and the page itself (the demo's few matches: found from the filtered columns, then sorted),
        // the lead proposer of each row read inside the page's command; 未超期 is counted as all minus 超期, two counts.
        Assert.Equal(query.Due == DueFilter.NotOverdue ? 3 : 2, commands.Count);
        await using var db = _portal.Db();
        foreach (var (command, index) in commands.Select((c, i) => (c, i)))
        {
            var plan = await SqlCommandRecorder.ExplainAsync(db, command);
            var count = index < commands.Count - 1;
            Assert.DoesNotContain(plan, step => FullTableScan.IsMatch(step));
            if (filter == "全部" && count)
            {
                // Every item: their number from the narrowest index, nothing tested.
                Assert.Equal("SCAN Proposals USING COVERING INDEX", string.Join(' ', Assert.Single(plan).Split(' ').Take(5)));
            }
            else if (query.Text is not null && query.IsKey is null)
            {
                // The words are looked up in the search index, and each item found is looked up by its id, not found by
                // reading every title nor by walking an order; a number typed adds the ids of that number.
                Assert.Contains(plan, step => step.Contains("ProposalSearch VIRTUAL TABLE INDEX", StringComparison.Ordinal));
                Assert.Contains(plan, step => step.StartsWith("SEARCH p USING " + (count ? "COVERING " : "") + "INDEX IX_Proposals_List_Id (Id=?", StringComparison.Ordinal));
                if (filter == "搜索编号")
                {
                    Assert.Contains(plan, step => step.Contains("IX_Proposals_Number (Number=?)", StringComparison.Ordinal));
                }
            }
            else
            {
                if (query.Text is not null)
                {
                    // Words with a narrow filter (重点): its few items seeked, each tested against the words' ids.
                    Assert.Contains(plan, step => step.Contains("ProposalSearch VIRTUAL TABLE INDEX", StringComparison.Ordinal));
                }

                // The filtered columns seeked in one index that holds them all: the count never reads a row (市级 over
                // every year: its 70,000 entries in one range, not 100,000 rows tested), the page only the rows it shows.
                var facts = query.Year is null ? "IX_Proposals_List_Facts" : "IX_Proposals_Year_Facts";
                var seek = Assert.Single(plan, step => step.StartsWith("SEARCH p USING ", StringComparison.Ordinal));
                Assert.StartsWith($"SEARCH p USING {(count ? "COVERING " : "")}INDEX {facts} (", seek);
                if (query.Due is DueFilter.Overdue or DueFilter.DueSoon || (count && query.Due is DueFilter.NotOverdue))
                {
                    // 超期/临期: a seek per open state, not a walk over every past deadline.
                    Assert.Contains("State=?", seek, StringComparison.Ordinal);
                }
            }
        }

        if (filter.StartsWith("搜索两字", StringComparison.Ordinal))
        {
            Assert.NotEmpty(page.Rows);
            Assert.All(page.Rows, row => Assert.Contains("充电", row.Title, StringComparison.Ordinal));
        }
    }

    public static TheoryData<string, ProposalSort> FiltersAndSorts()
    {
        var data = new TheoryData<string, ProposalSort>();
        // Not 超期/临期: their matches are open items, found from the facts index and sorted however many (ListPlan.ForPage).
        foreach (var filter in new[] { "全部", "年度", "级别", "状态", "已办结", "科室", "未超期", "搜索两字", "搜索编号", "科室人员" })
        {
            foreach (var sort in Enum.GetValues<ProposalSort>())
            {
                data.Add(filter, sort);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FiltersAndSorts))]
    public async Task OverManyMatchesThePageWalksTheIndexOfItsOrderAndStopsAfterIt(string filter, ProposalSort sort)
    {
        // 90,000 matches (已办结 over ten years): what the page does once the total passes ListPlan.WalkTheSortFrom.
        var (query, actor) = await QueryAsync(filter);
        query = query with { Sort = sort, PageSize = 20 };
        var queries = _portal.Scoped<ProposalQueryService>();
        await using var db = _portal.Db();

        var commands = await SqlCommandRecorder.RecordAsync(() => queries.Page(db, query, actor, total: 90_000).ToListAsync());

        var plan = await SqlCommandRecorder.ExplainAsync(db, Assert.Single(commands));
        var index = ListPlan.SortIndex(query);
        Assert.Matches($"^(SCAN|SEARCH) p USING INDEX {index}\\b", plan[0]);
        Assert.DoesNotContain(plan, step => step.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => FullTableScan.IsMatch(step));
        if (query.Year is null)
        {
            // Over every year, the sort's own index (its ORDER BY, the id breaking ties), which holds every filtered column.
            Assert.StartsWith("IX_Proposals_List_", index, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EveryWayOfReadingThePageGivesTheSameRowsInTheSameOrder(string filter)
    {
        var (query, actor) = await QueryAsync(filter);
        var queries = _portal.Scoped<ProposalQueryService>();
        await using var db = _portal.Db();
        var total = await queries.Filtered(db, query, actor).CountAsync();
        Assert.Equal(total, (await queries.QueryAsync(query, actor)).Total);

        foreach (var sort in Enum.GetValues<ProposalSort>())
        {
            for (var pageIndex = 0; pageIndex < 2; pageIndex++)
            {
                var page = query with { Sort = sort, PageSize = 7, Page = pageIndex };

                // The plain query, as PostgreSQL runs it: the filter, the order and the page, no index named.
                var expected = await ProposalQueryService.Sorted(queries.Filtered(db, page, actor), sort)
                    .Skip(pageIndex * 7).Take(7).Select(p => p.Id).ToListAsync();
                var fromTheFilter = await queries.Page(db, page, actor, total: 0).Select(r => r.Id).ToListAsync();
                var walkingTheSort = await queries.Page(db, page, actor, total: 90_000).Select(r => r.Id).ToListAsync();

                Assert.Equal(expected, fromTheFilter);
                Assert.Equal(expected, walkingTheSort);
            }
        }
    }

    private async Task<(ProposalQuery Query, Actor Actor)> QueryAsync(string filter)
    {
        var actor = await _portal.ActorAsync(filter == "科室人员" ? "孔九" : "尤四");
        var sectionId = (await _portal.ActorAsync("孔九")).SectionId!.Value;
        return (QueryFor(filter, _portal.Clock.Today.Year, sectionId), actor);
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
    [InlineData("秦三")] // a deputy director: review, in each section overseen
    [InlineData("孔九")] // section staff: drafting
    [InlineData("全部角色")] // every role at once (each section overseen): one merge of every arm
    public async Task MyWorkIsOneIndexedPageAndOneIndexedCountWhateverItHolds(string name)
    {
        var actor = name == "全部角色" ? await EveryRoleAsync() : await _portal.ActorAsync(name);
        var myWork = _portal.Scoped<MyWorkService>();
        await myWork.PageAsync(actor); // the working-day calendar is read once and cached for the process

        // A page of one row, so that it is full and the total must be counted: the most a page costs.
        MyWorkPage page = null!;
        var commands = await SqlCommandRecorder.RecordAsync(async () => page = await myWork.PageAsync(actor, 0, 1));

        Assert.Single(page.Rows);
        Assert.True(page.Total >= page.Rows.Count);
        // The page (its ids in order, then those rows whole, in one command) and the count: two commands however many wait.
        Assert.Equal(2, commands.Count);
        Assert.Contains("LIMIT", commands[0].Sql, StringComparison.Ordinal);
        Assert.Contains("COUNT(*)", commands[1].Sql, StringComparison.Ordinal);
        await using var db = _portal.Db();
        foreach (var command in commands)
        {
            var plan = await SqlCommandRecorder.ExplainAsync(db, command);
            Assert.DoesNotContain(plan, step => FullTableScan.IsMatch(step));
            // The order comes from the index (each arm a seek in the list's order, merged): nothing is sorted.
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
            var seeks = plan.Where(step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains("Proposals", StringComparison.Ordinal)
                && !step.Contains("PRIMARY KEY", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(seeks);
            Assert.All(seeks, step => Assert.Contains("USING COVERING INDEX IX_Proposals_MyWork (WaitingForRole=? AND WaitingForSectionId=?)", step, StringComparison.Ordinal));
        }
    }

    /// <summary>Someone with every role, overseeing every section: the most arms 我的待办 can have.</summary>
    private async Task<Actor> EveryRoleAsync()
    {
        await using var db = _portal.Db();
        var sections = await db.Sections.Select(s => s.Id).ToListAsync();
        var staff = await _portal.ActorAsync("孔九");
        return new Actor(staff.StaffId, "全部角色", StaffRoles.Office | StaffRoles.Director | StaffRoles.DeputyDirector | StaffRoles.SectionStaff,
            staff.SectionId, sections.ToHashSet());
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
