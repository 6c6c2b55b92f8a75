using System.Globalization;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>建议提案: the server-side list as each kind of user sees it, over a <see cref="ListWorld"/>.</summary>
public sealed class ProposalListTests : PortalBunitContext
{
    private const string Charging = "关于加快推进新能源汽车充电设施建设的提案";
    private const string DigitalEconomy = "关于加快楚雄市数字经济建设的提案";

    /// <summary>Opens the static page at an address, as a browser's GET would: a fresh render of that URL.</summary>
    private IRenderedComponent<ProposalList> Open(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<ProposalList>();
    }

    /// <summary>Follows a link of the page (a sort header, the pager, 清除筛选).</summary>
    private IRenderedComponent<ProposalList> Follow(IElement link) =>
        Open(link.GetAttribute("href") ?? throw new InvalidOperationException("a disabled link"));

    private static string? Selected(IRenderedComponent<ProposalList> cut, string id) =>
        cut.Find($"select#{id} option[selected]").GetAttribute("value");

    [Fact]
    public async Task SectionStaffSeeOnlyTheirOwnSectionsItems()
    {
        var world = await ListWorld.StartAsync();
        await using var portal = world.Portal;
        SignedInPortal.Use(this, portal, world.Handler);
        var expected = await CountAsync(portal, q => q.Where(p => p.Responsibility != null && p.Responsibility.SectionId == world.Section.Id));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/proposals?year=all&size=100");

        var cut = Render<ProposalList>();

        cut.WaitForAssertion(() => Assert.Equal(expected, Rows(cut).Count));
        Assert.True(expected > 0);
        Assert.All(SectionCells(cut), name => Assert.Equal(world.Section.Name, name));
        Assert.DoesNotContain(world.OtherSection.Name, cut.Find("table").TextContent);
    }

    [Fact]
    public async Task TheOfficeSeesEveryItemOfEverySection()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        var all = await CountAsync(portal, q => q);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/proposals?year=all&size=100");

        var cut = Render<ProposalList>();

        cut.WaitForAssertion(() => Assert.Equal(all, Rows(cut).Count));
        Assert.Equal(2, SectionCells(cut).Where(s => s != "—").Distinct().Count());
        Assert.Contains(Charging, cut.Markup);
    }

    [Fact]
    public async Task TheBareAddressOpensOnTheCurrentYearWhereTheWorkIs()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        var thisYear = await CountAsync(portal, q => q.Where(p => p.Year == 2026));
        var all = await CountAsync(portal, q => q);

        var cut = Render<ProposalList>();

        cut.WaitForAssertion(() => Assert.Equal(thisYear, Rows(cut).Count));
        Assert.True(all > thisYear);
        Assert.All(Rows(cut), row => Assert.StartsWith("2026年", row.QuerySelectorAll("td:not(.batch-select)")[5].TextContent.Trim())); // 交办日期
        Assert.Equal("2026", Selected(cut, "filter-year"));
    }

    [Fact]
    public async Task ChoosingAStateFiltersTheRowsAndPutsItInTheAddress()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        var inProgress = await CountAsync(portal, q => q.Where(p => p.Year == 2026 && p.State == ProposalState.InProgress));
        var cut = Render<ProposalList>();
        cut.WaitForAssertion(() => Assert.True(Rows(cut).Count > inProgress));
        // The filter is a GET form: choosing 办理中 sends state=InProgress in the address, which is what the page reads.
        Assert.Equal("state", cut.Find("select#filter-state").GetAttribute("name"));
        Assert.Equal("get", cut.Find("form[data-filter-form]").GetAttribute("method"));

        cut = Open("/proposals?year=2026&state=InProgress");

        cut.WaitForAssertion(() => Assert.Equal(inProgress, Rows(cut).Count));
        Assert.True(inProgress > 0);
        Assert.All(Rows(cut), row => Assert.Equal("办理中", row.QuerySelector("[data-testid=proposal-state]")!.TextContent.Trim()));
        Assert.Equal("InProgress", Selected(cut, "filter-state"));
    }

    [Fact]
    public async Task TheOverdueFilterShowsOnlyOverdueItemsWithARedChip()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/proposals?due=Overdue&size=100");
        var overdue = (await portal.Scoped<ProposalQueryService>().QueryAsync(new ProposalQuery(Due: DueFilter.Overdue), await OfficeAsync(portal))).Total;

        var cut = Render<ProposalList>();

        cut.WaitForAssertion(() => Assert.Equal(overdue, Rows(cut).Count));
        Assert.True(overdue > 0);
        Assert.All(Rows(cut), row =>
        {
            var chip = row.QuerySelector("[data-deadline]")!;
            Assert.Equal("overdue", chip.GetAttribute("data-deadline"));
            Assert.Contains("mud-chip-color-error", chip.ClassName);
            Assert.Matches(@"^超期\d+天$", chip.TextContent.Trim());
        });
    }

    [Fact]
    public async Task NotOverdueShowsEveryOtherItemAndNoRedChip()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        var office = await OfficeAsync(portal);
        var queries = portal.Scoped<ProposalQueryService>();
        var all = (await queries.QueryAsync(new ProposalQuery(), office)).Total;
        var overdue = (await queries.QueryAsync(new ProposalQuery(Due: DueFilter.Overdue), office)).Total;
        var cut = Open("/proposals?year=all&size=100");
        cut.WaitForAssertion(() => Assert.Equal(all, Rows(cut).Count));

        cut = Open("/proposals?year=all&size=100&due=NotOverdue");

        cut.WaitForAssertion(() => Assert.Equal(all - overdue, Rows(cut).Count));
        Assert.True(overdue > 0);
        Assert.Empty(cut.FindAll("[data-deadline=overdue]"));
        Assert.Equal("NotOverdue", Selected(cut, "filter-due"));
        Assert.Contains("未超期", cut.Find("select#filter-due").InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchingFindsTheChargingProposalsAndKeepsTheTextInTheBox()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        var charging = await CountAsync(portal, q => q.Where(p => p.Title.Contains("充电")));
        var cut = Open("/proposals?year=all");
        cut.WaitForAssertion(() => Assert.True(Rows(cut).Count > charging));
        Assert.Equal("q", cut.Find("#proposal-search").GetAttribute("name")); // Enter in the box sends q=…

        cut = Open("/proposals?year=all&q=%E5%85%85%E7%94%B5");

        cut.WaitForAssertion(() => Assert.Equal(charging, Rows(cut).Count));
        Assert.All(TitleLinks(cut), a => Assert.Contains("充电", a.TextContent));
        Assert.Contains(TitleLinks(cut), a => a.TextContent == Charging);
        Assert.Equal("充电", cut.Find("#proposal-search").GetAttribute("value"));
    }

    [Fact]
    public async Task ASharedLinkOpensTheListWithItsFilters()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/proposals?year=2022&key=1");

        var cut = Render<ProposalList>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.All(Rows(cut), row => Assert.NotNull(row.QuerySelector("[data-key]")));
        Assert.Contains(TitleLinks(cut), a => a.TextContent == DigitalEconomy);
    }

    [Fact]
    public async Task ClearingTheFiltersReturnsToTheCurrentYearAndCleansTheAddress()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        var thisYear = await CountAsync(portal, q => q.Where(p => p.Year == 2026));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/proposals?year=2022&role=Lead&q=%E5%85%85%E7%94%B5");
        var cut = Render<ProposalList>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        cut = Follow(cut.Find("[data-testid=clear-filters]"));

        cut.WaitForAssertion(() => Assert.Equal(thisYear, Rows(cut).Count));
        Assert.EndsWith("/proposals", navigation.Uri, StringComparison.Ordinal);
        Assert.Equal("2026", Selected(cut, "filter-year"));
        Assert.Null(cut.Find("#proposal-search").GetAttribute("value"));
    }

    [Fact]
    public async Task EachRowShowsNumberSourceStateAndLinksToTheItem()
    {
        var world = await ListWorld.StartAsync();
        await using var portal = world.Portal;
        SignedInPortal.Use(this, portal, world.Office);
        int id;
        await using (var db = portal.Db())
        {
            id = await db.Proposals.Where(p => p.Title == Charging).Select(p => p.Id).SingleAsync();
        }

        Services.GetRequiredService<NavigationManager>().NavigateTo("/proposals?year=2022&size=100");
        var cut = Render<ProposalList>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Rows(cut)));
        var link = TitleLinks(cut).Single(a => a.TextContent == Charging);
        Assert.Equal($"/proposals/{id}", link.GetAttribute("href"));
        var row = link.Closest("tr")!;
        // The Office's first column is the batch checkbox; the item's own columns follow.
        Assert.NotNull(row.QuerySelector("td.batch-select input[type=checkbox][name=ids]"));
        var cells = row.QuerySelectorAll("td:not(.batch-select)").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["编号", "标题", "领衔人", "状态", "承办科室", "交办日期", "办理时限"], HeaderTitles(cut));
        Assert.Equal($"{Scenario.Session}第{world.ChargingNumber}号", cells[0]); // the session names the source
        Assert.Equal("重点", row.QuerySelector("[data-key]")!.TextContent.Trim()); // beside the title
        Assert.Equal(["杞发荣", "已办结", $"{world.Section.Name} · 主办"], cells[2..5]);
        Assert.StartsWith("2022年", cells[5]);
        Assert.EndsWith("已完成", cells[6]);
    }

    [Fact]
    public async Task ClickingAColumnHeaderSortsOnTheServer()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        string first, latest;
        await using (var db = portal.Db())
        {
            first = await db.Proposals.OrderBy(p => p.Title).Select(p => p.Title).FirstAsync();
            latest = await db.Proposals.OrderByDescending(p => p.Deadline).ThenBy(p => p.Id).Select(p => p.Title).FirstAsync();
        }

        // Pages of 20: the rows that come first must come from the database's order, not from sorting one page.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/proposals?year=all&size=20");
        var cut = Render<ProposalList>();
        cut.WaitForAssertion(() => Assert.Equal(20, Rows(cut).Count));

        cut = Follow(SortHeader(cut, "标题"));
        cut.WaitForAssertion(() => Assert.Equal(first, TitleLinks(cut)[0].TextContent));

        // 标题 replaced the initial sort; 办理时限 clicked twice sorts ascending, then descending: the latest first.
        cut = Follow(SortHeader(cut, "办理时限"));
        cut.WaitForAssertion(() => Assert.Equal(20, Rows(cut).Count));
        cut = Follow(SortHeader(cut, "办理时限"));
        cut.WaitForAssertion(() => Assert.Equal(latest, TitleLinks(cut)[0].TextContent));
    }

    [Fact]
    public async Task NumberSortsBothWays()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        string lowest, highest;
        await using (var db = portal.Db())
        {
            lowest = await db.Proposals.OrderBy(p => p.Session).ThenBy(p => p.Number).Select(p => p.Title).FirstAsync();
            highest = await db.Proposals.OrderByDescending(p => p.Session).ThenByDescending(p => p.Number).Select(p => p.Title).FirstAsync();
        }

        Services.GetRequiredService<NavigationManager>().NavigateTo("/proposals?year=all&size=20");
        var cut = Render<ProposalList>();
        cut.WaitForAssertion(() => Assert.Equal(20, Rows(cut).Count));

        cut = Follow(SortHeader(cut, "编号"));
        cut.WaitForAssertion(() => Assert.Equal(lowest, TitleLinks(cut)[0].TextContent));

        cut = Follow(SortHeader(cut, "编号"));
        cut.WaitForAssertion(() => Assert.Equal(highest, TitleLinks(cut)[0].TextContent));
        Assert.Equal("descending", SortHeader(cut, "编号").Closest("th")!.GetAttribute("aria-sort"));
        Assert.Null(SortHeader(cut, "编号").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task ThePagerMovesPageByPageAndChangesThePageSize()
    {
        await using var portal = await SignedInPortal.StartAsync(this);
        var all = await CountAsync(portal, q => q);
        Assert.True(all > 40, "the world has more than two pages of 20");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/proposals?year=all&size=20");
        var cut = Render<ProposalList>();
        cut.WaitForAssertion(() => Assert.Equal(20, Rows(cut).Count));
        Assert.Equal($"第1-20条，共{all}条", PagerInfo(cut));
        Assert.True(PagerButton(cut, "上一页").HasAttribute("disabled"));
        var firstPage = TitleLinks(cut).Select(a => a.TextContent).ToList();

        cut = Follow(PagerButton(cut, "下一页"));

        cut.WaitForAssertion(() => Assert.Equal($"第21-40条，共{all}条", PagerInfo(cut)));
        Assert.Contains("page=2", navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(TitleLinks(cut).Select(a => a.TextContent).Intersect(firstPage));
        Assert.False(PagerButton(cut, "上一页").HasAttribute("disabled"));

        cut = Follow(PagerButton(cut, "最后一页"));

        var lastStart = ((all - 1) / 20 * 20) + 1;
        cut.WaitForAssertion(() => Assert.Equal($"第{lastStart}-{all}条，共{all}条", PagerInfo(cut)));
        Assert.True(PagerButton(cut, "下一页").HasAttribute("disabled"));

        // The page size is a GET form beside the pager that carries the filter along (a shared link keeps the size).
        var sizeForm = cut.Find("select#page-size").Closest("form")!;
        Assert.Equal("all", sizeForm.QuerySelector("input[name=year]")!.GetAttribute("value"));
        cut = Open("/proposals?year=all&size=50");

        cut.WaitForAssertion(() => Assert.Equal(Math.Min(50, all), Rows(cut).Count));
        Assert.Equal("50", cut.Find("select#page-size option[selected]").GetAttribute("value"));
    }

    private static List<string> HeaderTitles(IRenderedComponent<ProposalList> cut) =>
        cut.FindAll("thead tr > th:not(.batch-select)").Select(th => th.TextContent.Trim()).ToList();

    private static string PagerInfo(IRenderedComponent<ProposalList> cut) => cut.Find("[data-testid=pager-info]").TextContent.Trim();

    private static IElement PagerButton(IRenderedComponent<ProposalList> cut, string label) =>
        cut.Find($"[data-testid=pager] [aria-label='{label}']");

    private static IElement SortHeader(IRenderedComponent<ProposalList> cut, string title) =>
        cut.FindAll("th a").First(a => a.TextContent.Trim() == title);

    private static List<IElement> Rows(IRenderedComponent<ProposalList> cut) =>
        cut.FindAll("a[data-testid='proposal-title']").Select(a => a.Closest("tr")!).ToList();

    private static IReadOnlyList<IElement> TitleLinks(IRenderedComponent<ProposalList> cut) => cut.FindAll("a[data-testid='proposal-title']");

    private static List<string> SectionCells(IRenderedComponent<ProposalList> cut) =>
        cut.FindAll("[data-testid='proposal-section']").Select(e => e.TextContent.Trim()).ToList();

    /// <summary>The world's 办公室 (the only person with that role alone).</summary>
    private static async Task<Actor> OfficeAsync(TestPortal portal)
    {
        await using var db = portal.Db();
        return Actor.For(await db.Staff.SingleAsync(s => s.Roles == ProposalPortal.Domain.Organization.StaffRoles.Office), []);
    }

    private static async Task<int> CountAsync(TestPortal portal, Func<IQueryable<Proposal>, IQueryable<Proposal>> filter)
    {
        await using var db = portal.Db();
        return await filter(db.Proposals).CountAsync();
    }

}

/// <summary>
/// The list's world, built through a <see cref="Scenario"/>: this year (2026) items of both sections in hand, two of them
/// overdue (fewer than a page); last year (2025) a run of items registered and never accepted (no section); and 2022's
/// items, closed, two of them key and two about 充电: enough for more than two pages of 20.
/// </summary>
internal sealed record ListWorld(Scenario Scenario, int ChargingNumber)
{
    public TestPortal Portal => Scenario.Portal;
    public Actor Office => Scenario.Office;
    public Actor Handler => Scenario.Handler;
    public ProposalPortal.Domain.Organization.Section Section => Scenario.Section;
    public ProposalPortal.Domain.Organization.Section OtherSection => Scenario.OtherSection;

    public static async Task<ListWorld> StartAsync()
    {
        var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var today = portal.Clock.Today;
        var in2022 = today.DayNumber - new DateOnly(2022, 3, 21).DayNumber;
        var charging = await scenario.TitledItemAsync("关于加快推进新能源汽车充电设施建设的提案", ProposalState.Closed, in2022, key: true,
            proposers: [new Proposer("杞发荣", "138-0000-0001")]);
        await scenario.TitledItemAsync("关于加快楚雄市数字经济建设的提案", ProposalState.Closed, in2022, key: true);
        await scenario.TitledItemAsync("关于在乡镇布局公共充电桩的提案", ProposalState.Closed, in2022);
        await scenario.TitledItemAsync("关于统筹城乡融合发展的建议", ProposalState.Closed, in2022);
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.ItemAsync(ProposalState.Drafted);
        await scenario.StartedItemAsync(100, today.AddDays(-20), handler: scenario.OtherHandler);
        await scenario.StartedItemAsync(101, today.AddDays(-30), handler: scenario.OtherHandler);
        await scenario.StartedItemAsync(102, today.AddDays(-200));
        await scenario.StartedItemAsync(103, today.AddDays(-220), handler: scenario.OtherHandler);
        for (var i = 0; i < 36; i++)
        {
            await scenario.ItemAsync(ProposalState.Registered, daysAgo: 400 + (i % 5)); // last year's, left unaccepted
        }

        return new ListWorld(scenario, charging.Number);
    }
}

/// <summary>
/// A bUnit context over a test portal, signed in as one of a <see cref="Scenario"/>'s people: the real services, the real
/// <see cref="CurrentActor"/> reading the <c>portal:staff</c> claim.
/// </summary>
internal static class SignedInPortal
{
    /// <summary>Starts a <see cref="ListWorld"/> and signs its Office in.</summary>
    public static async Task<TestPortal> StartAsync(BunitContext context)
    {
        var world = await ListWorld.StartAsync();
        Use(context, world.Portal, world.Office);
        return world.Portal;
    }

    /// <summary>Signs <paramref name="actor"/> (of a <see cref="Scenario"/>) in to <paramref name="portal"/>'s lists.</summary>
    public static void Use(BunitContext context, TestPortal portal, ProposalPortal.Domain.Workflow.Actor actor) =>
        Use(context, portal, actor.Name, actor.StaffId);

    private static void Use(BunitContext context, TestPortal portal, string name, int staffId)
    {
        var auth = context.AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetClaims(new Claim(PortalClaims.StaffId, staffId.ToString(CultureInfo.InvariantCulture)),
            new Claim(PortalClaims.DisplayName, name));

        var services = context.Services;
        services.AddSingleton(portal.Get<IDbContextFactory<PortalDbContext>>());
        services.AddSingleton(portal.Get<WorkflowContextFactory>());
        services.AddSingleton(portal.Get<PortalClock>());
        services.AddSingleton(portal.Scoped<ProposalQueryService>());
        services.AddSingleton(portal.Scoped<OrganizationService>());
        services.AddSingleton(portal.Scoped<StatisticsService>());
        services.AddSingleton(portal.Scoped<MyWorkService>());
        services.AddScoped<CurrentActor>();
        services.AddSingleton(portal.Get<ProposalPortal.Features.Supervision.ISupervisionNotifier>());
        // The lists render statically; their LiveRefresh island stays quiet outside a circuit.
        context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
    }
}
