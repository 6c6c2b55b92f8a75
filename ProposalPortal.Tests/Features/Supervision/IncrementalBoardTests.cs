using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Supervision;

/// <summary>
/// The board snapshot after a change comes from this node's kept board facts (<see cref="BoardFactsStore"/>), with only
/// the changed items read again: after each kind of change (a step, a 催办, a registration, a key item's step, a promise
/// made and kept, a deadline crossing, a new day that makes a promise late) the bureau's and each section's snapshot
/// serialize exactly as one computed from the database alone, and the year was not read whole again.
/// </summary>
public abstract class IncrementalBoardTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses.</summary>
    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;
    private Scenario _world = null!;
    private int _year;

    public async Task InitializeAsync()
    {
        // Set up on 1 November 2026, so that the clock can move on within the year.
        _portal = await TestPortal.StartAsync(provider: Provider, now: new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));
        _world = await Scenario.CreateAsync(_portal);
        _year = 2026;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static string Json(BoardSnapshot snapshot) => JsonSerializer.Serialize(snapshot);

    /// <summary>The kept snapshots (bureau and both sections) equal snapshots computed from scratch; nothing was read whole.</summary>
    private async Task AssertAsFromScratchAsync(string after)
    {
        var boards = _portal.Scoped<BoardService>();
        var store = _portal.Get<BoardFactsStore>();
        var wholeReads = store.WholeReads;
        foreach (var scope in new[] { BoardScope.WholeBureau, new BoardScope(_world.Section.Id), new BoardScope(_world.OtherSection.Id) })
        {
            var (kept, fresh) = (Json(await boards.GetAsync(_year, scope)), Json(await boards.ComputeFromScratchAsync(_year, scope)));
            Assert.True(fresh == kept, $"the snapshot of section {scope.SectionId} after {after}:\n{fresh}\n{kept}");
        }

        Assert.Equal(wholeReads, store.WholeReads);
    }

    [ProviderFact]
    public async Task AfterEachKindOfChangeTheKeptSnapshotEqualsOneComputedFromScratch()
    {
        var assigned = new DateOnly(2026, 10, 20);
        var overdue = await _world.StartedItemAsync(1, assigned, deadline: new DateOnly(2026, 11, 3));
        var soon = await _world.StartedItemAsync(2, assigned, deadline: new DateOnly(2026, 11, 12));
        var other = await _world.StartedItemAsync(3, assigned, deadline: new DateOnly(2026, 11, 25), handler: _world.OtherHandler);
        var key = await _world.StartedItemAsync(4, assigned, deadline: new DateOnly(2026, 12, 20), key: true);
        await _world.SignedItemAsync(ProposalState.Replied, daysAgo: 40, key: true);
        var store = _portal.Get<BoardFactsStore>();

        // Each node reads a year whole once, on first use.
        foreach (var scope in new[] { BoardScope.WholeBureau, new BoardScope(_world.Section.Id), new BoardScope(_world.OtherSection.Id) })
        {
            await _portal.Scoped<BoardService>().GetAsync(_year, scope);
        }

        await AssertAsFromScratchAsync("the first read");
        var itemReads = store.ItemReads;

        // A step (the 办前联系 of a key item: its progress), and a 催办.
        await _world.StepAsync(key, _world.Handler, (p, c) => p.LogCommunication(_world.Handler,
            CommunicationStage.Before, CommunicationMethod.Phone, c.Today, "张三", "电话联系", c));
        await AssertAsFromScratchAsync("a key item's step");
        Assert.True(store.ItemReads > itemReads, "the changed item was read again");
        await _world.StepAsync(overdue, _world.Office, (p, c) => p.Chase(_world.Office, "请抓紧", c));
        await AssertAsFromScratchAsync("a chase");

        // A registration.
        await _world.ItemAsync(ProposalState.Accepted, daysAgo: 1);
        await AssertAsFromScratchAsync("a registration");

        // A promise made on the key item, due in three days; then kept; then another, left to go late.
        await _world.StepAsync(key, _world.Handler, (p, c) => p.AddCommitment(_world.Handler, "年内完成现场踏勘", null, null, c.Today.AddDays(3), c));
        await AssertAsFromScratchAsync("a promise");
        var promised = await _world.FindAsync(key);
        await _world.StepAsync(key, _world.Handler, (p, c) => p.UpdateCommitment(_world.Handler, promised.Commitments[0].Id,
            CommitmentStatus.Done, "已完成", "现场照片", c));
        await AssertAsFromScratchAsync("a promise kept");
        await _world.StepAsync(soon, _world.Handler, (p, c) => p.AddCommitment(_world.Handler, "补充调研", _world.OtherSection.Id, null, c.Today.AddDays(2), c));

        // Another node's change: this node hears the board change alone (the save, and its message to the figures, were
        // elsewhere; here the row changes behind the app's back).
        var notifier = _portal.Get<ISupervisionNotifier>();
        await using (var db = _portal.Db())
        {
            await db.Proposals.Where(p => p.Id == soon).ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, "关于另一节点改过标题的提案"));
        }

        await notifier.PublishAsync(new SupervisionChange(SupervisionChangeKind.Step, [soon], [_world.Section.Id], _portal.Clock.Now, "改标题", []));
        await AssertAsFromScratchAsync("another node's change");
        Assert.Contains((await _portal.Scoped<BoardService>().GetAsync(_year, BoardScope.WholeBureau)).DueSoon, i => i.Title == "关于另一节点改过标题的提案");

        // The days move on: a new day, deadlines crossing, the second promise late. The deadline monitor's changes name
        // the items crossing (or none, at midnight): they are read again, or nothing is.
        _portal.Time.Advance(TimeSpan.FromDays(5));
        await notifier.PublishAsync(new SupervisionChange(SupervisionChangeKind.NewDay, [], [], _portal.Clock.Now, "新的一天", []));
        await AssertAsFromScratchAsync("a new day");
        await notifier.PublishAsync(new SupervisionChange(SupervisionChangeKind.DeadlineCrossed, [soon, other], [_world.Section.Id, _world.OtherSection.Id],
            _portal.Clock.Now, "2项临期", []));
        await AssertAsFromScratchAsync("a deadline crossing");
        _portal.Time.Advance(TimeSpan.FromDays(20));
        await AssertAsFromScratchAsync("twenty days");
    }

    /// <summary>
    /// After a 催办 on one item of four, the bureau's snapshot reads that item alone, by its key: its row, its last step,
    /// its key-item progress and its open promises, four commands with the year and its id, each planned on the primary
    /// key; with the figures (the changed item's facts), the names and the activity feed, a fixed number of commands
    /// whatever the number of items.
    /// </summary>
    [ProviderFact]
    public async Task AfterAChangeToOneItemTheSnapshotReadsThatItemAloneByItsKey()
    {
        var items = new List<Proposal>();
        for (var i = 0; i < 4; i++)
        {
            items.Add(await _world.ItemAsync(ProposalState.InProgress, key: i == 0));
        }

        await _portal.Scoped<BoardService>().GetAsync(_year, BoardScope.WholeBureau);
        var changed = items[2];
        await _world.StepAsync(changed.Id, _world.Office, (p, c) => p.Chase(_world.Office, "请抓紧", c));

        var commands = await SqlCommandRecorder.RecordAsync(() => _portal.Scoped<BoardService>().GetAsync(_year, BoardScope.WholeBureau));

        var report = string.Join("\n\n", commands.Select(c => c.Sql));
        // The board facts' four reads of the item, the figures' six (FigureQueryPlanTests), the sections' and staff's
        // names, the newest audit entries and the feed's lines by their ids. Before: the year's items, the open items' last steps, the
        // key items and the late promises read whole, on every change.
        Assert.True(commands.Count == 14, $"{commands.Count} commands:\n\n{report}");
        // SQLite gets the ids as parameters, PostgreSQL as one array.
        static bool Names(RecordedCommand command, int id) => command.Parameters.Any(p => Equals(p.Value, id) || p.Value is IEnumerable<int> ids && ids.Contains(id));
        var itemReads = commands.Where(c => c.Sql.Contains("\"Proposals\"", StringComparison.Ordinal) && Names(c, changed.Id)).ToList();
        Assert.True(itemReads.Count == 8, $"{itemReads.Count} reads by the item's id:\n\n{report}");
        // No other command reads the items: the feed's lines are read by the newest entries' ids, their designations
        // taken from the kept facts (joined to the year's items, SQLite sorted the year's audit trail).
        Assert.Equal(itemReads.Count, commands.Count(c => c.Sql.Contains("\"Proposals\"", StringComparison.Ordinal)));
        if (Provider == DatabaseProvider.Sqlite)
        {
            await using var db = _portal.Db();
            foreach (var command in itemReads)
            {
                // Found by the key, not walked by year.
                var plan = await SqlCommandRecorder.ExplainAsync(db, command);
                Assert.Contains(plan, step => step.Contains("USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal));
                Assert.DoesNotContain(plan, step => step.Contains("Year=?", StringComparison.Ordinal)
                    || step.StartsWith("SCAN p", StringComparison.Ordinal));
            }
        }
    }
}

/// <summary><see cref="IncrementalBoardTests"/> on SQLite.</summary>
public sealed class IncrementalBoardTestsOnSqlite : IncrementalBoardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="IncrementalBoardTests"/> on PostgreSQL.</summary>
public sealed class IncrementalBoardTestsOnPostgreSql : IncrementalBoardTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
