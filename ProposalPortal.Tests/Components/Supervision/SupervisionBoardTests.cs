using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Components.Layout;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Supervision;

/// <summary>
/// 督办看板 over a <see cref="Scenario"/> with two overdue items (one per section) and one on time: the figures agree with the statistics, two open boards both follow a change made
/// through the workflow without a reload, only the panels whose data changed re-render, and the handler's bell
/// counts the chase at once.
/// </summary>
public sealed class SupervisionBoardTests : PortalBunitContext
{
    private Scenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
        var today = Portal.Clock.Today;
        await _scenario.StartedItemAsync(1, today.AddDays(-120), deadline: today.AddDays(-5));
        await _scenario.StartedItemAsync(2, today.AddDays(-120), deadline: today.AddDays(-3), handler: _scenario.OtherHandler);
        await _scenario.ItemAsync(ProposalState.InProgress);
    }

    /// <summary>Signs in and renders as a live circuit does (boards subscribe only when interactive).</summary>
    private async Task SignInLiveAsync(string name)
    {
        await SignInAsync(Portal!, name);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private async Task<Proposal> OverdueChaseableItemAsync()
    {
        await using var db = Portal!.Db();
        var today = Portal.Clock.Today;
        var id = await db.Proposals
            .Where(p => p.Year == today.Year && p.State == ProposalState.InProgress && p.Deadline < today)
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(); // the Scenario's section's: its deputy may chase it
        return await _scenario.FindAsync(id);
    }

    private static int Version(IRenderedComponent<SupervisionBoard> board, string panel) =>
        int.Parse(board.Find($"[data-testid={panel}]").GetAttribute("data-version")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheBureauBoardShowsTheStatisticsFiguresAndEveryOverdueItemWithItsHandlerAndAChaseButton()
    {
        await SignInLiveAsync(_scenario.Director.Name);
        var figures = await Portal!.Scoped<StatisticsService>().GetYearFiguresAsync(2026);

        var board = Render<SupervisionBoard>();

        board.WaitForAssertion(() => Assert.Contains("督办看板 · 全局", board.Markup), TimeSpan.FromSeconds(10));
        Assert.Equal(figures.Received.ToString(System.Globalization.CultureInfo.InvariantCulture), board.Find("[data-testid=figure-received]").TextContent.Trim());
        Assert.Equal(figures.Overdue.ToString(System.Globalization.CultureInfo.InvariantCulture), board.Find("[data-testid=figure-overdue]").TextContent.Trim());
        Assert.Equal(figures.CompletionRate.ToString(), board.Find("[data-testid=figure-completion]").TextContent.Trim());
        Assert.True(figures.Overdue > 0, "the scenario has late items");
        var rows = board.FindAll("[data-testid=board-overdue] tbody tr");
        Assert.Equal(figures.Overdue, rows.Count);
        Assert.All(rows, r => Assert.Equal("overdue", r.GetAttribute("data-deadline")));
        Assert.Contains("超期", rows[0].TextContent);
        Assert.NotEmpty(board.FindAll("[data-testid=board-overdue] [data-testid=board-chase]"));
        Assert.StartsWith("/proposals/", board.Find("[data-testid=board-overdue] tbody tr a").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASectionsBoardHasOnlyItsItemsNoBureauRatesAndNoChaseButton()
    {
        await SignInLiveAsync(_scenario.Handler.Name);

        var board = Render<SupervisionBoard>();

        board.WaitForAssertion(() => Assert.Contains($"督办看板 · {_scenario.Section.Name}", board.Markup));
        Assert.Empty(board.FindAll("[data-testid=figure-completion]"));
        Assert.Empty(board.FindAll("[data-testid=board-chase]"));
        Assert.All(board.FindAll("[data-testid=board-sections] tbody tr"), r => Assert.Equal(_scenario.Section.Name, r.GetAttribute("data-section")));
    }

    [Fact]
    public async Task TwoOpenBoardsBothShowAChaseWithoutReloadingAndOnlyTheChangedPanelsRerender()
    {
        await SignInLiveAsync(_scenario.Director.Name);
        var first = Render<SupervisionBoard>();
        var second = Render<SupervisionBoard>();
        // The first load computes the year's figures (no copy yet): on a busy machine it takes more than bUnit's second.
        first.WaitForAssertion(() => Assert.NotEmpty(first.FindAll("[data-testid=board-activity]")), TimeSpan.FromSeconds(10));
        second.WaitForAssertion(() => Assert.NotEmpty(second.FindAll("[data-testid=board-activity]")), TimeSpan.FromSeconds(10));
        var item = await OverdueChaseableItemAsync();
        var (activity, key, headline) = (Version(first, "board-activity-lines"), Version(first, "board-key"), Version(first, "board-headline"));

        var result = await Portal!.Scoped<ProposalService>().ChaseAsync(item.Id, item.Version, _scenario.Office, "请本周内报送答复稿");
        Assert.True(result.IsOk, result.Error);

        foreach (var board in new[] { first, second })
        {
            board.WaitForAssertion(() =>
            {
                Assert.Equal("1", board.Find("[data-testid=board]").GetAttribute("data-updates"));
                var latest = board.Find("[data-testid=board-activity] tbody tr");
                Assert.Contains(_scenario.Office.Name, latest.TextContent);
                Assert.Contains("催办", latest.TextContent);
                Assert.Contains(item.Designation, latest.TextContent);
            }, TimeSpan.FromSeconds(10)); // the new snapshot is computed first: seconds on a busy machine
        }

        Assert.Equal(activity + 1, Version(first, "board-activity-lines"));
        // A chase changes neither the figures nor the key items' progress: those panels were left alone.
        Assert.Equal(key, Version(first, "board-key"));
        Assert.Equal(headline, Version(first, "board-headline"));
    }

    [Fact]
    public async Task TheHandlersBellCountsAChaseTheMomentItIsSaved()
    {
        var item = await OverdueChaseableItemAsync();
        await using (var db = Portal!.Db())
        {
            var handler = await db.Staff.SingleAsync(s => s.Id == item.Responsibility!.HandlerId);
            await SignInLiveAsync(handler.Name);
        }

        var layout = Render<MainLayout>(ps => ps.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "正文"))));
        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("[data-testid=notice-bell]")));
        var before = int.Parse(layout.Find("[data-testid=notice-bell]").GetAttribute("data-unread")!, System.Globalization.CultureInfo.InvariantCulture);

        var result = await Portal.Scoped<ProposalService>().ChaseAsync(item.Id, item.Version, _scenario.Deputy, "请抓紧办理");
        Assert.True(result.IsOk, result.Error);

        layout.WaitForAssertion(() => Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            layout.Find("[data-testid=notice-bell]").GetAttribute("data-unread")));
    }

    [Fact]
    public async Task TheOfficeChasesAnOverdueItemFromTheBoardThroughTheItemPagesDialog()
    {
        await SignInLiveAsync(_scenario.Office.Name);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var board = Render<SupervisionBoard>();
        // The first load computes the year's figures: on a busy machine (load 60) it takes more than bUnit's second.
        board.WaitForAssertion(() => Assert.NotEmpty(board.FindAll("[data-testid=board-overdue] [data-testid=board-chase]")), TimeSpan.FromSeconds(10));
        var row = board.Find("[data-testid=board-overdue] tbody tr");
        var id = int.Parse(row.GetAttribute("data-proposal-id")!, System.Globalization.CultureInfo.InvariantCulture);

        // Not awaited: the click's handler waits for the dialog's answer.
        board.Find("[data-testid=board-overdue] [data-testid=board-chase]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("催办对象", dialogs.Find("[data-testid=chase-recipient]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("已超过办理时限", dialogs.Find("#chase-message").GetAttribute("value") ?? dialogs.Find("#chase-message").TextContent);
        await dialogs.Find("[data-testid=step-submit]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        board.WaitForAssertion(() => Assert.Contains("催办", board.Find("[data-testid=board-activity] tbody tr").TextContent));
        var item = await Portal!.Scoped<ProposalService>().FindAsync(id, _scenario.Office);
        var chase = Assert.Single(item!.Chases);
        Assert.Equal(_scenario.Office.Name, chase.ChasedByName);
    }

    [Fact]
    public async Task TheWallDisplayShowsAllSixPartsAtOnceWithTheWholeCountsInTheirHeadings()
    {
        await SignInLiveAsync(_scenario.Director.Name);
        var figures = await Portal!.Scoped<StatisticsService>().GetYearFiguresAsync(2026);

        var wall = Render<WallBoard>();

        wall.WaitForAssertion(() => Assert.NotEmpty(wall.FindAll("[data-testid=wall-overdue]")), TimeSpan.FromSeconds(10));
        foreach (var part in (string[])["wall-figures", "wall-overdue", "wall-due-soon", "wall-sections", "wall-key", "wall-activity"])
        {
            Assert.Single(wall.FindAll($"[data-testid={part}]"));
        }

        Assert.Contains($"超期未办结（{figures.Overdue}件）", wall.Find("[data-testid=wall-overdue] h2").TextContent);
        Assert.InRange(wall.FindAll("[data-testid=wall-overdue] li").Count, 1, 6);
        Assert.Equal("24", wall.Find("[data-testid=wall-sections] [data-testid=section-chart]").GetAttribute("style")!.Split(':')[1].Replace("px", string.Empty, StringComparison.Ordinal));
    }
}
