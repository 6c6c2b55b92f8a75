using ProposalPortal.Domain.Proposals;
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
