using Bunit;
using Xunit.Abstractions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Supervision;

/// <summary>
/// Each panel of an open board renders again only when its own part of the snapshot changed (<see cref="BoardParts"/>,
/// <see cref="BoardPanel{TData}"/>): with 200 boards open, every panel rendered for nothing is rendered 200 times per
/// change. Counted by each panel's own render counter (data-version), over a <see cref="Scenario"/> with two overdue
/// items (one per section), one on time and one key item; no timing.
/// </summary>
public sealed class BoardPanelRenderTests(ITestOutputHelper output) : PortalBunitContext
{
    private static readonly string[] Panels =
        ["board-heading", "board-headline", "board-overdue", "board-due-soon", "board-forecast", "board-sections", "board-key", "board-commitments", "board-activity", "board-activity-lines"];

    private Scenario _scenario = null!;
    private int _overdueId;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
        var today = Portal.Clock.Today;
        _overdueId = await _scenario.StartedItemAsync(1, today.AddDays(-120), deadline: today.AddDays(-5));
        await _scenario.StartedItemAsync(2, today.AddDays(-120), deadline: today.AddDays(-3), handler: _scenario.OtherHandler);
        await _scenario.ItemAsync(ProposalState.InProgress);
        await _scenario.ItemAsync(ProposalState.InProgress, key: true);
    }

    private async Task<IRenderedComponent<SupervisionBoard>> OpenBoardAsync()
    {
        await SignInAsync(Portal!, _scenario.Director.Name);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var board = Render<SupervisionBoard>();
        // The first load computes the year's figures: on a busy machine it takes more than bUnit's second.
        board.WaitForAssertion(() => Assert.NotEmpty(board.FindAll("[data-testid=board-activity]")), TimeSpan.FromSeconds(10));
        return board;
    }

    private static Dictionary<string, int> Versions(IRenderedComponent<SupervisionBoard> board) =>
        Panels.ToDictionary(p => p, p => int.Parse(board.Find($"[data-testid={p}]").GetAttribute("data-version")!, System.Globalization.CultureInfo.InvariantCulture));

    private static int Count(IRenderedComponent<SupervisionBoard> board, string panel) =>
        int.Parse(board.Find($"[data-testid={panel}]").GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The render work of one common change in one board, counted by a renderer of its own (bUnit's render counts include a
    /// component's descendants): the heading, the grid and its items, and the feed's unchanged rows do not render; the
    /// live chip, the figures that changed, the feed's lines and its one new row do, in one batch.
    /// </summary>
    [Fact]
    public async Task ACommonChangeRendersOnlyTheLiveChipTheChangedFiguresAndTheFeedsNewRow()
    {
        await SignInAsync(Portal!, _scenario.Director.Name);
        // Two lines in the feed before the change, so that one line the same in both is shown.
        await _scenario.ItemAsync(ProposalState.Registered);
        await using var renderer = new CountingRenderer(Services);
        var loaded = renderer.NextBatchRendering<ActivityPanel>();
        await renderer.RenderAsync<SupervisionBoard>();
        await loaded.WaitAsync(TimeSpan.FromSeconds(10));

        var changed = renderer.NextBatchRendering<SupervisionBoard>();
        await _scenario.ItemAsync(ProposalState.Registered);
        var batch = await changed.WaitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"one board, one change: {batch}");

        // The moving part of the heading, and the figure that changed (收到件数, and its note), with the feed's new row.
        Assert.Equal(1, batch.Count<LiveChip>());
        Assert.Equal(1, batch.Count<HeadlinePanel>());
        Assert.Equal(1, batch.Count<ActivityLines>());
        Assert.Equal(1, batch.Count<ActivityLineRow>());
        Assert.Equal(1, batch.Count<MudBlazor.MudLink>());
        // Not the rest of the heading, the grid, its items, the other panels, nor the figures that did not change.
        foreach (var still in (Type[])[typeof(BoardHeading), typeof(BoardGrid), typeof(MudBlazor.MudGrid), typeof(MudBlazor.MudItem),
                     typeof(MudBlazor.MudButton), typeof(ActivityPanel), typeof(MudBlazor.MudSimpleTable), typeof(DeadlineItemsPanel), typeof(SectionLoadPanel), typeof(KeyProgressPanel), typeof(CommitmentsPanel)])
        {
            Assert.DoesNotContain(still, batch.Components);
        }

        Assert.True(batch.Count<Figure>() <= 2, $"{batch.Count<Figure>()} figures rendered for one new registered item: 收到件数 and 在办 at most");
    }

    /// <summary>A 催办 changes no figure and no list: the live chip and the feed's new row, and nothing else.</summary>
    [Fact]
    public async Task AChaseRendersOnlyTheLiveChipAndTheFeedsNewRow()
    {
        await SignInAsync(Portal!, _scenario.Director.Name);
        await using var renderer = new CountingRenderer(Services);
        var loaded = renderer.NextBatchRendering<ActivityPanel>();
        await renderer.RenderAsync<SupervisionBoard>();
        await loaded.WaitAsync(TimeSpan.FromSeconds(10));

        var changed = renderer.NextBatchRendering<SupervisionBoard>();
        var item = await _scenario.FindAsync(_overdueId);
        var chased = await Portal!.Scoped<ProposalService>().ChaseAsync(item.Id, item.Version, _scenario.Office, "请本周内报送答复稿");
        Assert.True(chased.IsOk, chased.Error);
        var batch = await changed.WaitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"one board, one 催办: {batch}");

        Assert.Equal(
            new[] { nameof(SupervisionBoard), nameof(LiveChip), "MudChip`1", "CascadingValue`1", nameof(ActivityLines), nameof(ActivityLineRow), nameof(MudBlazor.MudLink) }.Order(),
            batch.Components.Select(c => c.Name).Order());
    }

    [Fact]
    public async Task ANewItemChangesTheFiguresAndTheFeedAndNoListOrChartIsRenderedAgain()
    {
        var board = await OpenBoardAsync();
        var received = board.Find("[data-testid=figure-received]").TextContent.Trim();
        var before = Versions(board);

        // Registered only: counted among the year's items, in no section and with no deadline yet.
        var item = await _scenario.ItemAsync(ProposalState.Registered);

        board.WaitForAssertion(() =>
        {
            Assert.Equal("1", board.Find("[data-testid=board]").GetAttribute("data-updates"));
            Assert.Contains(item.Designation, board.Find("[data-testid=board-activity] tbody tr").TextContent);
        }, TimeSpan.FromSeconds(10));
        Assert.NotEqual(received, board.Find("[data-testid=figure-received]").TextContent.Trim());
        Assert.Contains("更新", board.Find("[data-testid=live-chip]").TextContent);
        var after = Versions(board);
        Assert.Equal(before["board-headline"] + 1, after["board-headline"]);
        Assert.Equal(before["board-activity-lines"] + 1, after["board-activity-lines"]);
        // The feed's frame (its title and table) stays: only its lines move.
        foreach (var untouched in Panels.Except(["board-headline", "board-activity-lines"]))
        {
            Assert.True(before[untouched] == after[untouched], $"{untouched} rendered again for a change that left it alone");
        }
    }

    [Fact]
    public async Task ANewOverdueItemRendersTheOverdueListAgainButNotTheKeyItemsDueSoonOrCommitments()
    {
        var board = await OpenBoardAsync();
        Assert.Equal(2, Count(board, "board-overdue"));
        var before = Versions(board);

        // Registered, accepted and given to the section: three changes, the last of which lists it as overdue.
        var today = Portal!.Clock.Today;
        await _scenario.StartedItemAsync(10, today.AddDays(-120), deadline: today.AddDays(-7));

        board.WaitForAssertion(() =>
        {
            Assert.Equal(3, Count(board, "board-overdue"));
            // The last of the three: the section now has two overdue items.
            Assert.Equal("2", board.Find($"[data-testid=board-sections] tr[data-section='{_scenario.Section.Name}'] [data-testid=section-overdue]").TextContent.Trim());
        }, TimeSpan.FromSeconds(10));
        var after = Versions(board);
        Assert.True(after["board-overdue"] > before["board-overdue"], "the overdue list did not render its new row");
        Assert.True(after["board-sections"] > before["board-sections"], "the section's load did not render its new overdue item");
        Assert.Equal(3, board.FindAll("[data-testid=board-overdue] tbody tr").Count);
        foreach (var untouched in (string[])["board-heading", "board-key", "board-due-soon", "board-forecast", "board-commitments"])
        {
            Assert.True(before[untouched] == after[untouched], $"{untouched} rendered again for a change that left it alone");
        }
    }
    [Fact]
    public async Task WhileItsBrowserIsAwayTheBoardRendersNothingAndShowsTheLatestChangeWhenItComesBack()
    {
        var board = await OpenBoardAsync();
        var before = Versions(board);
        var connection = Services.GetRequiredService<CircuitConnection>();
        await connection.OnConnectionDownAsync(null!, CancellationToken.None);

        // The signal that the change reached the boards: a watcher of the same scope, told after the board (watchers are
        // told in the order they came).
        var snapshots = Portal!.Get<BoardSnapshots>();
        var reached = new TaskCompletionSource<BoardSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (snapshots.Watch(Portal.Clock.Today.Year, new BoardScope(null), s => { reached.TrySetResult(s); return Task.CompletedTask; }))
        {
            var item = await _scenario.ItemAsync(ProposalState.Registered);
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("0", board.Find("[data-testid=board]").GetAttribute("data-updates"));
            Assert.Equal(before, Versions(board));

            await connection.OnConnectionUpAsync(null!, CancellationToken.None);
            board.WaitForAssertion(() =>
            {
                Assert.Equal("1", board.Find("[data-testid=board]").GetAttribute("data-updates"));
                Assert.Contains(item.Designation, board.Find("[data-testid=board-activity] tbody tr").TextContent);
            }, TimeSpan.FromSeconds(10));
        }
    }
}
