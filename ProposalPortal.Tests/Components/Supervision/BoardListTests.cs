using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Supervision;

/// <summary>
/// The boards' 超期 and 临期 lists show only their most urgent rows (Supervision:BoardListRows, 3 here), count them all,
/// and link to the item list filtered the same way: every open board is a circuit that renders its lists on each change,
/// and the current year has thousands of overdue rows. Six overdue items (five of 能源一科, one of the other section)
/// and four due soon.
/// </summary>
public sealed class BoardListTests : PortalBunitContext
{
    private Scenario _scenario = null!;
    private readonly List<int> _overdue = []; // the most overdue first
    private readonly List<int> _dueSoon = []; // the nearest deadline first
    private int _year;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?> { ["Supervision:BoardListRows"] = "3" });
        _scenario = await Scenario.CreateAsync(Portal);
        var today = Portal.Clock.Today;
        _year = today.Year;
        var assigned = today.AddDays(-120);
        _overdue.Add(await _scenario.StartedItemAsync(1, assigned, deadline: today.AddDays(-6), handler: _scenario.OtherHandler));
        for (var days = 5; days >= 1; days--)
        {
            _overdue.Add(await _scenario.StartedItemAsync(10 - days, assigned, deadline: today.AddDays(-days)));
        }

        foreach (var days in (int[])[2, 5, 9, 12])
        {
            _dueSoon.Add(await _scenario.StartedItemAsync(20 + days, assigned, deadline: today.AddDays(days)));
        }
    }

    private async Task<IRenderedComponent<SupervisionBoard>> OpenBoardAsync(string name)
    {
        await SignInAsync(Portal!, name);
        // bUnit's own options (MudBlazor registers the options system) would answer before the portal's configuration.
        Services.AddSingleton(Portal!.Get<IOptionsMonitor<SupervisionOptions>>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var board = Render<SupervisionBoard>();
        board.WaitForAssertion(() => Assert.NotEmpty(board.FindAll("[data-testid=board-overdue] tbody tr")), TimeSpan.FromSeconds(10));
        return board;
    }

    private static List<int> RowIds(IRenderedComponent<SupervisionBoard> board, string panel) =>
        board.FindAll($"[data-testid={panel}] tbody tr").Select(r => int.Parse(r.GetAttribute("data-proposal-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>Opens the item list at an address, as the browser does when 查看全部 is followed.</summary>
    private List<int> ListIds(string href)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(href);
        var list = Render<ProposalList>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("tbody tr[data-proposal-id]")), TimeSpan.FromSeconds(10));
        return list.FindAll("tbody tr[data-proposal-id]").Select(r => int.Parse(r.GetAttribute("data-proposal-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    [Fact]
    public async Task ABoardWithManyOverdueItemsRendersTheMostUrgentFewAndCountsThemAll()
    {
        var board = await OpenBoardAsync(_scenario.Director.Name);

        Assert.Equal(_overdue.Take(3), RowIds(board, "board-overdue"));
        Assert.Contains("超期未办结（6件）", board.Find("[data-testid=board-overdue] h6").TextContent);
        Assert.Equal("共6件，此处列出最紧急的3件", board.Find("[data-testid=board-overdue-more] p").TextContent.Trim());
        Assert.Equal("查看全部", board.Find("[data-testid=board-overdue-all]").TextContent.Trim());
        Assert.Equal($"/proposals?year={_year}&due=Overdue", board.Find("[data-testid=board-overdue-all]").GetAttribute("href"));

        Assert.Equal(_dueSoon.Take(3), RowIds(board, "board-due-soon"));
        Assert.Contains("临期（4件）", board.Find("[data-testid=board-due-soon] h6").TextContent);
        Assert.Equal($"/proposals?year={_year}&due=DueSoon", board.Find("[data-testid=board-due-soon-all]").GetAttribute("href"));
    }

    [Fact]
    public async Task TheBureauBoardsLinksListExactlyItsOverdueAndDueSoonItemsInTheSameOrder()
    {
        var board = await OpenBoardAsync(_scenario.Director.Name);
        var overdueHref = board.Find("[data-testid=board-overdue-all]").GetAttribute("href")!;
        var dueSoonHref = board.Find("[data-testid=board-due-soon-all]").GetAttribute("href")!;
        var shownOverdue = RowIds(board, "board-overdue");

        var overdue = ListIds(overdueHref);
        Assert.Equal(_overdue, overdue); // every one, the most overdue first: the board's rows are the list's first
        Assert.Equal(shownOverdue, overdue.Take(3));
        Assert.Equal(_dueSoon, ListIds(dueSoonHref));
    }

    [Fact]
    public async Task ASectionsBoardLinksToItsOwnSectionsOverdueItems()
    {
        var board = await OpenBoardAsync(_scenario.Handler.Name);

        Assert.Equal(_overdue.Skip(1).Take(3), RowIds(board, "board-overdue"));
        Assert.Contains("超期未办结（5件）", board.Find("[data-testid=board-overdue] h6").TextContent);
        var href = board.Find("[data-testid=board-overdue-all]").GetAttribute("href")!;
        Assert.Equal($"/proposals?year={_year}&section={_scenario.Section.Id}&due=Overdue", href);
        Assert.Equal(_overdue.Skip(1), ListIds(href));
    }
}
