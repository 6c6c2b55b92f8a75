using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// The read-mostly pages render statically: the state is in the URL, a plain GET gives the filtered rows, and the page
/// holds no circuit (only its small islands, the bell and the live refresh, do).
/// </summary>
public sealed partial class StaticPagesTests(StaticPagesSite site) : IClassFixture<StaticPagesSite>
{
    [Fact]
    public async Task AFilteredAddressGivesTheFilteredRowsAndTheFormShowsTheFilter()
    {
        var client = site.Factory.CreateClient();
        await HttpSignIn.SignInAsync(client, ScenarioSite.Office, Scenario.AccountPassword);

        var page = await GetAsync(client, "/proposals?year=all&state=Closed&kind=Suggestion");

        var rows = page.QuerySelectorAll(".proposal-list tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(ProposalState.Closed.ToChinese(), row.QuerySelector("[data-testid=proposal-state]")!.TextContent.Trim()));
        Assert.Equal("Closed", Selected(page, "filter-state"));
        Assert.Equal("Suggestion", Selected(page, "filter-kind"));
        Assert.Equal("all", Selected(page, "filter-year"));
    }

    [Fact]
    public async Task PagingAndPageSizeRoundTripThroughTheAddress()
    {
        var client = site.Factory.CreateClient();
        await HttpSignIn.SignInAsync(client, ScenarioSite.Office, Scenario.AccountPassword);

        var first = await GetAsync(client, "/proposals?year=all");
        var total = int.Parse(PagerTotal().Match(first.QuerySelector("[data-testid=pager-info]")!.TextContent).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 40, $"the site has {total} items; the test needs three pages");
        Assert.Equal($"第1-20条，共{total}条", first.QuerySelector("[data-testid=pager-info]")!.TextContent.Trim());

        // The 下一页 link carries the filter and the page; following it gives rows 21-40, none of the first page's.
        var next = first.QuerySelector("[data-testid=pager] a[aria-label=下一页]")!.GetAttribute("href")!;
        Assert.Contains("year=all", next, StringComparison.Ordinal);
        Assert.Contains("page=2", next, StringComparison.Ordinal);
        var second = await GetAsync(client, next);
        Assert.Equal($"第21-40条，共{total}条", second.QuerySelector("[data-testid=pager-info]")!.TextContent.Trim());
        Assert.Empty(Titles(second).Intersect(Titles(first)));

        var fifty = await GetAsync(client, "/proposals?year=all&size=50");
        Assert.Equal(Math.Min(50, total), fifty.QuerySelectorAll(".proposal-list tbody tr").Length);
        Assert.Equal("50", fifty.QuerySelector("#page-size option[selected]")!.GetAttribute("value"));

        // A sort link keeps the filter and starts again on the first page.
        var byNumber = second.QuerySelectorAll(".proposal-list thead a").First(a => a.TextContent.Contains("编号", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Contains("sort=NumberAscending", byNumber, StringComparison.Ordinal);
        Assert.DoesNotContain("page=", byNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitmentFiltersRoundTripThroughTheAddress()
    {
        var client = site.Factory.CreateClient();
        await HttpSignIn.SignInAsync(client, ScenarioSite.Office, Scenario.AccountPassword);

        // The default, 未落实 in every year: both open promises, the form showing the defaults as empty values.
        var pending = await GetAsync(client, "/commitments");
        Assert.Equal(2, pending.QuerySelectorAll("[data-testid=commitment-row]").Length);
        Assert.Equal("", Selected(pending, "commitment-status"));
        Assert.Equal("", Selected(pending, "commitment-year"));
        var form = pending.QuerySelector("form.commitment-filters")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal(["status", "year"], form.QuerySelectorAll("select").Select(s => s.GetAttribute("name")!));

        // What the form sends for 已逾期 in 2022 comes back as the one late promise of 2022, the selects showing it.
        var late2022 = await GetAsync(client, "/commitments?status=Late&year=2022");
        var row = Assert.Single(late2022.QuerySelectorAll("[data-testid=commitment-row]"));
        Assert.Contains("推进公共充电设施建设", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Late", Selected(late2022, "commitment-status"));
        Assert.Equal("2022", Selected(late2022, "commitment-year"));
    }

    [Theory]
    [InlineData("/proposals", "proposal-title")]
    [InlineData("/my-work", "my-work-task")]
    [InlineData("/commitments", "commitment-row")]
    public async Task TheListIsServedStaticallyWithNoCircuitForItsBody(string path, string rowMarker)
    {
        var client = site.Factory.CreateClient();
        await HttpSignIn.SignInAsync(client, path == "/my-work" ? ScenarioSite.Handler : ScenarioSite.Office, Scenario.AccountPassword);

        var html = await client.GetStringAsync(path);

        // Two islands, the bell and the live refresh; the rows lie outside both.
        var outside = OutsideIslands(html, islands: 2, rowMarker);

        Assert.Contains($"data-testid=\"{rowMarker}\"", outside, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatisticsAreStaticWithTheYearInTheAddressAndNoCircuitButTheBells()
    {
        var client = site.Factory.CreateClient();
        await HttpSignIn.SignInAsync(client, ScenarioSite.Director, Scenario.AccountPassword);

        // One island, the bell; the figures lie outside it, drawn by the static render.
        var html = await client.GetStringAsync("/statistics?year=2022");
        var outside = OutsideIslands(html, islands: 1, "figure-value");
        Assert.Contains("data-testid=\"figure-received\"", outside, StringComparison.Ordinal);

        // The year chooser is a GET form field; what it sends for 2021 comes back as 2021's figures and exports.
        var y2022 = await GetAsync(client, "/statistics?year=2022");
        var form = y2022.QuerySelector("form.statistics-filters")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal(["year"], form.QuerySelectorAll("select").Select(s => s.GetAttribute("name")!));
        Assert.Equal("2022", Selected(y2022, "statistics-year"));
        Assert.Equal(StaticPagesSite.Received2022.ToString(System.Globalization.CultureInfo.InvariantCulture),
            y2022.QuerySelector("[data-testid=figure-received] [data-testid=figure-value]")!.TextContent.Trim());

        var y2021 = await GetAsync(client, "/statistics?year=2021");
        Assert.Equal("2021", Selected(y2021, "statistics-year"));
        Assert.Equal("/statistics/2021/figures.xlsx", y2021.QuerySelector("[data-testid=export-figures]")!.GetAttribute("href"));
        Assert.Equal("/statistics/2021/items.xlsx", y2021.QuerySelector("[data-testid=export-items]")!.GetAttribute("href"));
        Assert.NotEqual(Figures(y2022), Figures(y2021));
    }

    private static string Figures(IDocument page) =>
        string.Join("|", page.QuerySelectorAll("[data-testid=figure-value]").Select(v => v.TextContent.Trim()));

    [Theory]
    [InlineData("/supervision", "board-overdue")]
    [InlineData("/proposals/{0}", "actions")]
    public async Task TheBoardAndTheItemAreIslandsWhileTheMenuAroundThemIsStatic(string path, string islandMarker)
    {
        int item;
        await using (var db = await site.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            item = await db.Proposals.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }

        var client = site.Factory.CreateClient();
        await HttpSignIn.SignInAsync(client, ScenarioSite.Office, Scenario.AccountPassword);

        var html = await client.GetStringAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, item));

        // Three islands, all in one circuit: the bell, the MudBlazor providers, and the board or the item. The menu
        // (主导航) lies outside them, drawn once by the static render and kept by no circuit; the working part is inside.
        var outside = OutsideIslands(html, islands: 3, "主导航");
        Assert.Contains("aria-label=\"主导航\"", outside, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-testid=\"{islandMarker}\"", outside, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"{islandMarker}\"", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "id=\"circuit-state\""));
    }

    [Fact]
    public async Task NoticesAreStaticLinksThatMarkOnlyTheirOwnersNoticeReadAndGoToTheItem()
    {
        long mine, other;
        int item;
        var dbFactory = site.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var handler = site.Scenario.Handler.StaffId;
            item = await db.Proposals.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            var first = new Notice(handler, item, NoticeKind.Chase, $"{site.Scenario.Office.Name}催办：请抓紧办理", TestPortal.DefaultNow.AddHours(-1));
            var second = new Notice(handler, item, NoticeKind.DueSoon, "临近办理时限", TestPortal.DefaultNow.AddHours(-2));
            db.Notices.AddRange(first, second);
            await db.SaveChangesAsync();
            (mine, other) = (first.Id, second.Id);
        }

        var heliu = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInWithoutRedirectsAsync(heliu, ScenarioSite.Handler);

        // The page holds one island, the bell; the notices, plain links to the open endpoint, lie outside it.
        var html = await heliu.GetStringAsync("/notices");
        var outside = OutsideIslands(html, islands: 1, "notice-open");
        Assert.Contains($"href=\"/notices/{mine}/open\"", outside, StringComparison.Ordinal);

        // Someone else following the link gets nothing and marks nothing.
        var yousi = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInWithoutRedirectsAsync(yousi, ScenarioSite.Office);
        Assert.Equal(HttpStatusCode.NotFound, (await yousi.GetAsync($"/notices/{mine}/open")).StatusCode);
        Assert.False(await IsReadAsync(dbFactory, mine));

        // The owner is sent to the item, and only that notice is read.
        var opened = await heliu.GetAsync($"/notices/{mine}/open");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/proposals/{item}", opened.Headers.Location!.OriginalString);
        Assert.True(await IsReadAsync(dbFactory, mine));
        Assert.False(await IsReadAsync(dbFactory, other));
        Assert.Equal(HttpStatusCode.NotFound, (await heliu.GetAsync("/notices/987654321/open")).StatusCode);
    }

    /// <summary>Signs in a client that shows redirects rather than following them: the login answers 302 to 首页.</summary>
    private static async Task SignInWithoutRedirectsAsync(HttpClient client, string userName)
    {
        var response = await HttpSignIn.PostLoginAsync(client, userName, Scenario.AccountPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<bool> IsReadAsync(IDbContextFactory<PortalDbContext> dbFactory, long noticeId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Notices.Where(n => n.Id == noticeId).Select(n => n.ReadAt != null).SingleAsync();
    }

    /// <summary>
    /// The page without its interactive islands, after checking there are <paramref name="islands"/> of them and that
    /// none holds <paramref name="rowMarker"/>: what is left is what the static render drew.
    /// </summary>
    private static string OutsideIslands(string html, int islands, string rowMarker)
    {
        var found = ServerComponent().Matches(html);
        Assert.Equal(islands, found.Count);
        var outside = html;
        foreach (Match island in found)
        {
            var end = $"<!--Blazor:{{\"prerenderId\":\"{island.Groups[1].Value}\"}}-->";
            var from = outside.IndexOf(island.Value, StringComparison.Ordinal);
            var to = outside.IndexOf(end, from, StringComparison.Ordinal);
            Assert.True(to > from, "an island's end marker");
            Assert.DoesNotContain(rowMarker, outside[from..to], StringComparison.Ordinal);
            outside = outside[..from] + outside[(to + end.Length)..];
        }

        return outside;
    }

    private static async Task<IDocument> GetAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        // [StreamRendering]: the rows come after the frame, in <template> elements the browser swaps in.
        return new HtmlParser().ParseDocument(TemplateTag().Replace(html, string.Empty));
    }

    private static string? Selected(IDocument page, string id) =>
        page.QuerySelector($"#{id} option[selected]")?.GetAttribute("value");

    private static IEnumerable<string> Titles(IDocument page) =>
        page.QuerySelectorAll("[data-testid=proposal-title]").Select(a => a.GetAttribute("href")!);

    [GeneratedRegex("共(\\d+)条")]
    private static partial Regex PagerTotal();

    [GeneratedRegex("<!--Blazor:\\{\"type\":\"server\",\"prerenderId\":\"([0-9a-f]+)\"[^>]*-->")]
    private static partial Regex ServerComponent();

    [GeneratedRegex("</?template[^>]*>")]
    private static partial Regex TemplateTag();
}

/// <summary>
/// The static pages' world: closed items of 2021 and 2022 (a 建议 among them, and a 2022 reply whose promise for 2023 is
/// late), this year's items in hand with one open promise, and a run of registered items: more than two pages of 20.
/// </summary>
public sealed class StaticPagesSite : ScenarioSite
{
    /// <summary>The items of 2022.</summary>
    public const int Received2022 = 4;

    protected override async Task BuildAsync(Scenario scenario)
    {
        var today = scenario.Portal.Clock.Today;
        var in2022 = today.DayNumber - new DateOnly(2022, 3, 21).DayNumber;
        var in2021 = today.DayNumber - new DateOnly(2021, 3, 22).DayNumber;
        await scenario.SignedItemAsync(ProposalState.Closed, in2022, published: true);
        await scenario.SignedItemAsync(ProposalState.Closed, in2022 + 3, published: true);
        await scenario.AssistingItemAsync(ProposalState.Closed, in2022, kind: ProposalKind.Suggestion);
        var promised = await scenario.SignedItemAsync(ProposalState.Replied, in2022 + 5, published: true);
        await scenario.StepAsync(promised.Id, scenario.Handler, (p, c) => p.AddCommitment(scenario.Handler,
            "按《楚雄市充电基础设施建设规划（2019-2023年）》推进公共充电设施建设", scenario.Section.Id, scenario.Handler.Name, new DateOnly(2023, 12, 31), c));
        await scenario.StepAsync(promised.Id, scenario.Office, (p, c) => p.RecordEvaluation(scenario.Office, Satisfaction.Satisfied, null, enteredByStaff: true, c));
        await scenario.StepAsync(promised.Id, scenario.Office, (p, c) => p.Close(scenario.Office, null, c));
        await scenario.ItemAsync(ProposalState.Closed, in2021);

        var open = await scenario.SignedItemAsync(ProposalState.Replied, published: true);
        await scenario.StepAsync(open.Id, scenario.Handler, (p, c) => p.AddCommitment(scenario.Handler,
            "年内完成乡镇国土空间规划编制", scenario.Section.Id, scenario.Handler.Name, today.AddDays(60), c));
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.ItemAsync(ProposalState.Drafted);
        for (var i = 0; i < 40; i++)
        {
            await scenario.ItemAsync(ProposalState.Registered, daysAgo: 1 + (i % 5));
        }
    }
}
