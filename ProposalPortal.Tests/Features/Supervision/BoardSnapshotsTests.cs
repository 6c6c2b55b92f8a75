using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Supervision;

/// <summary>
/// Boards share one snapshot per scope (<see cref="BoardSnapshots"/>): however many boards watch and however many
/// changes come in a burst, each scope that sees them is computed once, and every watcher gets the new figures. Counted
/// through the service's own count of computations, not timed.
/// </summary>
public sealed class BoardSnapshotsTests : IAsyncLifetime
{
    private const int Boards = 25;
    private const int Burst = 10;

    private TestPortal _portal = null!;
    private Scenario _world = null!;

    public async Task InitializeAsync()
    {
        // A debounce of a second on the fake clock: the burst is published before the clock moves.
        _portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?> { ["Supervision:SnapshotDebounceMilliseconds"] = "1000" });
        _world = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ABurstOfChangesSeenByManyBoardsIsComputedOncePerScopeAndReachesEveryBoard()
    {
        var year = _portal.Clock.Today.Year;
        var items = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            items.Add((await _world.ItemAsync(ProposalState.InProgress)).Id);
        }

        var snapshots = _portal.Get<BoardSnapshots>();
        var bureau = BoardScope.WholeBureau;
        var section = new BoardScope(_world.Section.Id);
        var otherSection = new BoardScope(_world.OtherSection.Id);
        // The boards open: each reads the current snapshot (computed once per scope), then watches it.
        await snapshots.GetAsync(year, bureau);
        await snapshots.GetAsync(year, section);
        var bureauBoards = Watchers(snapshots, year, bureau, Boards);
        var sectionBoards = Watchers(snapshots, year, section, Boards);
        using var otherBoard = snapshots.Watch(year, otherSection, _ => Task.CompletedTask);
        var computedBefore = (Bureau: snapshots.ComputationsOf(year, bureau), Section: snapshots.ComputationsOf(year, section));

        // The burst: ten 催办 on the section's items, each committed and published as the workflow does.
        for (var i = 0; i < Burst; i++)
        {
            await _world.StepAsync(items[i % items.Count], _world.Office, (p, c) => p.Chase(_world.Office, $"请抓紧（{i}）", c));
        }

        var everyBoard = Task.WhenAll(bureauBoards.Concat(sectionBoards).Select(b => b.Heard.Task));
        while (!everyBoard.IsCompleted)
        {
            _portal.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(everyBoard, Task.Delay(20));
        }

        var heard = await everyBoard;
        Assert.Equal(computedBefore.Bureau + 1, snapshots.ComputationsOf(year, bureau));
        Assert.Equal(computedBefore.Section + 1, snapshots.ComputationsOf(year, section));
        // Not a word of it concerned the other section: its board was not computed at all.
        Assert.Equal(0, snapshots.ComputationsOf(year, otherSection));
        // One snapshot, shared: every board of a scope holds the same object, with the section's three open items.
        Assert.Single(heard.Take(Boards).Distinct());
        Assert.Single(heard.Skip(Boards).Distinct());
        Assert.Equal(3, heard[Boards].Headline.Open);
        Assert.Same(heard[0], await snapshots.GetAsync(year, bureau));
        foreach (var board in bureauBoards.Concat(sectionBoards))
        {
            board.Watch.Dispose();
        }
    }

    [Fact]
    public async Task AWatchedBoardGetsTheNewFiguresOfAStep()
    {
        var year = _portal.Clock.Today.Year;
        var item = await _world.ItemAsync(ProposalState.InProgress);
        var snapshots = _portal.Get<BoardSnapshots>();
        var section = new BoardScope(_world.Section.Id);
        Assert.Equal(0, (await snapshots.GetAsync(year, section)).Headline.Closed);
        var board = Watchers(snapshots, year, section, 1).Single();

        await _world.StepAsync(item.Id, _world.Office, (p, c) => p.Chase(_world.Office, "请抓紧", c));
        while (!board.Heard.Task.IsCompleted)
        {
            _portal.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(board.Heard.Task, Task.Delay(20));
        }

        var snapshot = await board.Heard.Task;
        Assert.Contains(snapshot.Activity, a => a.ProposalId == item.Id && a.Action == AuditAction.Chase.ToChinese());
        board.Watch.Dispose();
    }

    [Fact]
    public async Task AStepKeepsEveryPartItLeftAloneAsTheSameObjectSoNoBoardRendersItAgain()
    {
        var year = _portal.Clock.Today.Year;
        var item = await _world.ItemAsync(ProposalState.InProgress);
        await _world.ItemAsync(ProposalState.InProgress, key: true);
        var snapshots = _portal.Get<BoardSnapshots>();
        var before = await snapshots.GetAsync(year, BoardScope.WholeBureau);
        var board = Watchers(snapshots, year, BoardScope.WholeBureau, 1).Single();

        // A 催办 adds a line to the feed and changes no figure, list or progress.
        await _world.StepAsync(item.Id, _world.Office, (p, c) => p.Chase(_world.Office, "请抓紧", c));
        while (!board.Heard.Task.IsCompleted)
        {
            _portal.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(board.Heard.Task, Task.Delay(20));
        }

        var after = (await board.Heard.Task).Parts;
        Assert.NotSame(before.Parts.Activity, after.Activity);
        Assert.Equal(AuditAction.Chase.ToChinese(), after.Activity[0].Line.Action);
        Assert.Same(before.Parts.Headline, after.Headline);
        Assert.Same(before.Parts.Overdue, after.Overdue);
        Assert.Same(before.Parts.DueSoon, after.DueSoon);
        Assert.Same(before.Parts.Forecast, after.Forecast);
        Assert.Same(before.Parts.Sections, after.Sections);
        Assert.Same(before.Parts.BusiestSections, after.BusiestSections);
        Assert.Single(after.KeyItems);
        Assert.Same(before.Parts.KeyItems, after.KeyItems);
        Assert.Same(before.Parts.LateCommitments, after.LateCommitments);
        board.Watch.Dispose();
    }

    [Fact]
    public async Task TheHubsClientsAreToldOfANewSnapshotBeforeTheBoardsAreAskedToRenderIt()
    {
        var year = _portal.Clock.Today.Year;
        var item = await _world.ItemAsync(ProposalState.InProgress);
        var snapshots = _portal.Get<BoardSnapshots>();
        await snapshots.GetAsync(year, BoardScope.WholeBureau);
        // The board watches first; the hub's audience (BoardAudience) comes later but is told first.
        var board = Watchers(snapshots, year, BoardScope.WholeBureau, 1).Single();
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var boardToldBeforeTheHub = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var hub = snapshots.Watch(year, BoardScope.WholeBureau, _ =>
        {
            boardToldBeforeTheHub.TrySetResult(board.Heard.Task.IsCompleted);
            return sent.Task;
        }, first: true);

        await _world.StepAsync(item.Id, _world.Office, (p, c) => p.Chase(_world.Office, "请抓紧", c));
        while (!boardToldBeforeTheHub.Task.IsCompleted)
        {
            _portal.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(boardToldBeforeTheHub.Task, Task.Delay(20));
        }

        Assert.False(await boardToldBeforeTheHub.Task);
        // The boards' turn comes once the hub's send is done.
        Assert.False(board.Heard.Task.IsCompleted);
        sent.SetResult();
        await board.Heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        board.Watch.Dispose();
    }

    [Fact]
    public async Task ThePermissionsOfAPersonWithManyOpenBoardsAreReadOncePerSnapshotNotOncePerBoard()
    {
        var year = _portal.Clock.Today.Year;
        var snapshots = _portal.Get<BoardSnapshots>();
        var snapshot = await snapshots.GetAsync(year, BoardScope.WholeBureau);
        var director = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(PortalClaims.StaffId, _world.Director.StaffId.ToString(CultureInfo.InvariantCulture))], "test"));

        var readers = new List<Actor?>();
        var commands = await SqlCommandRecorder.RecordAsync(async () =>
        {
            for (var i = 0; i < Boards; i++)
            {
                readers.Add(await snapshots.ReaderAsync(snapshot, director));
            }
        });

        Assert.All(readers, r => Assert.Equal(_world.Director.StaffId, r?.StaffId));
        Assert.Contains(commands, c => c.Sql.Contains("\"Staff\"", StringComparison.Ordinal));
        // Once: the person's row and the sections they oversee, whatever the number of boards.
        Assert.Equal(2, commands.Count);
        // The next change's snapshot reads them afresh: a deactivated account stops hearing.
        await using (var db = _portal.Db())
        {
            var staff = await db.Staff.SingleAsync(s => s.Id == _world.Director.StaffId);
            staff.Deactivate();
            await db.SaveChangesAsync();
        }

        Assert.Null(await snapshots.ReaderAsync(snapshot with { }, director));
    }

    private static List<(IDisposable Watch, TaskCompletionSource<BoardSnapshot> Heard)> Watchers(BoardSnapshots snapshots, int year, BoardScope scope, int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var heard = new TaskCompletionSource<BoardSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            return (snapshots.Watch(year, scope, s =>
            {
                heard.TrySetResult(s);
                return Task.CompletedTask;
            }), heard);
        }).ToList();
}
