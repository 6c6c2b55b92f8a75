using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Supervision;

/// <summary>
/// What one board snapshot asks of the database (it is computed once per change on every node, BENCHMARKS.md): a fixed
/// number of commands however many items and key items there are; the open items' last steps grouped in SQL; the key
/// items' progress without loading each key item whole; and the activity feed read along the At index rather than by
/// sorting the year's audit trail. Guards the snapshot's cost over 100,000 items without timing anything.
/// </summary>
public sealed class BoardQueryTests
{
    [Fact]
    public async Task TheBureauSnapshotSendsEightNarrowCommandsWhateverTheNumberOfKeyItems()
    {
        await using var portal = await TestPortal.StartAsync();
        var world = await Scenario.CreateAsync(portal);
        var assigned = portal.Clock.Today.AddDays(-10);
        await world.StartedItemAsync(1, assigned, deadline: portal.Clock.Today.AddDays(-1), key: true);
        await world.StartedItemAsync(2, assigned, deadline: portal.Clock.Today.AddDays(3), key: true);
        await world.StartedItemAsync(3, assigned, deadline: portal.Clock.Today.AddDays(40));
        var year = portal.Clock.Today.Year;
        // The headline's figures come from the figures' cache (FiguresCache), not from the snapshot's own reads.
        await portal.Scoped<StatisticsService>().GetYearFiguresAsync(year);

        BoardSnapshot board = null!;
        var commands = await SqlCommandRecorder.RecordAsync(async () => board = await portal.Scoped<BoardService>().GetAsync(year, BoardScope.WholeBureau));

        Assert.Equal(2, board.KeyItems.Count);
        Assert.NotEmpty(board.Activity);
        var report = string.Join("\n\n", commands.Select(c => c.Sql));
        // Sections, staff, the items, the last steps, late commitments, the key items' progress, the newest audit
        // entries and the feed's lines. Before: 16, ten of them loading every key item with all its children.
        Assert.True(commands.Count == 8, $"{commands.Count} commands:\n\n{report}");
        Assert.DoesNotContain(commands, c => c.Sql.Contains("FROM \"Attachment\"", StringComparison.Ordinal)
            || c.Sql.Contains("FROM \"Chases\"", StringComparison.Ordinal));
        Assert.Single(commands, c => c.Sql.Contains("FROM \"AuditEntries\"", StringComparison.Ordinal)
            && c.Sql.Contains("GROUP BY", StringComparison.Ordinal) && c.Sql.Contains("MAX(", StringComparison.Ordinal));

        var newest = Assert.Single(commands, c => c.Sql.Contains("FROM \"AuditEntries\"", StringComparison.Ordinal)
            && !c.Sql.Contains("JOIN", StringComparison.Ordinal) && c.Sql.Contains("ORDER BY", StringComparison.Ordinal));
        await using var db = portal.Db();
        var plan = await SqlCommandRecorder.ExplainAsync(db, newest);
        Assert.Contains(plan, step => step.Contains("IX_AuditEntries_At", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
