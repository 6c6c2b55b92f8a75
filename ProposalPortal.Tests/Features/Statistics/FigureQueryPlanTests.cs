using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Statistics;

/// <summary>
/// The SQL the year's figures send, as EF sends it (captured with its parameters), planned by SQLite: the items are read
/// from the covering index of the year's facts, and no item table is scanned whole. Guards the figures' speed over
/// 100,000 items (BENCHMARKS.md) without timing anything. The facts are read with plain data readers
/// (<c>YearFactsQuery</c>) through EF's command pipeline, so the recorder sees them as it sees EF's own queries.
/// </summary>
public sealed class FigureQueryPlanTests
{
    private static readonly string[] ItemTables = ["Proposals", "Reply", "Evaluation", "Communication", "ProposalTopic", "Proposer"];

    [Fact]
    public async Task TheFiguresReadTheYearFromCoveringIndexesAndScanNoItemTable()
    {
        await using var portal = await TestPortal.StartAsync();
        var world = await Scenario.CreateAsync(portal);
        await world.ItemAsync(ProposalState.Replied);

        var commands = await SqlCommandRecorder.RecordAsync(() => portal.Scoped<StatisticsService>().ComputeAsync(portal.Clock.Today.Year, null));

        var plans = new List<(string Sql, IReadOnlyList<string> Plan)>();
        await using (var db = portal.Db())
        {
            foreach (var command in commands.Where(c => ItemTables.Any(t => c.Sql.Contains($"FROM \"{t}\"", StringComparison.Ordinal))))
            {
                plans.Add((command.Sql, await SqlCommandRecorder.ExplainAsync(db, command)));
            }
        }

        var report = string.Join("\n\n", plans.Select(p => p.Sql + "\n  " + string.Join("\n  ", p.Plan)));
        // The year's facts come in four flat reads (items with their face-to-face talks, signed letters, evaluations,
        // topics), then the previous year's count, the sections' names and the work meetings: seven commands whatever the
        // number of items, each child table read once (no command per item).
        Assert.Equal(7, commands.Count);
        Assert.All(new[] { "Reply", "Evaluation", "Communication", "ProposalTopic" }, table =>
            Assert.Single(plans, p => p.Sql.Contains($"FROM \"{table}\"", StringComparison.Ordinal)));
        Assert.True(plans.SelectMany(p => p.Plan).Any(step => step.Contains("COVERING INDEX IX_Proposals_Year_Facts (Year=?)", StringComparison.Ordinal)), report);
        // A SEARCH through an index that does not cover reads every matching wide row; a SCAN reads the whole table.
        Assert.All(plans.SelectMany(p => p.Plan).Where(step => step.StartsWith("SEARCH", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal)),
            step => Assert.True(step.Contains("COVERING INDEX", StringComparison.Ordinal) || step.Contains("PRIMARY KEY", StringComparison.Ordinal),
                $"not covered: {step}\n\n{report}"));
    }

    [Fact]
    public async Task AfterAChangeToOneItemTheFiguresReadThatItemAloneNotTheYear()
    {
        await using var portal = await TestPortal.StartAsync();
        var world = await Scenario.CreateAsync(portal);
        var items = new List<Proposal>();
        for (var i = 0; i < 4; i++)
        {
            items.Add(await world.ItemAsync(ProposalState.InProgress));
        }

        var statistics = portal.Scoped<StatisticsService>();
        var year = portal.Clock.Today.Year;
        await statistics.GetYearFiguresAsync(year);
        var changed = items[2];
        await world.StepAsync(changed.Id, world.Office, (p, c) => p.Chase(world.Office, "请抓紧", c));

        var commands = await SqlCommandRecorder.RecordAsync(() => statistics.GetYearFiguresAsync(year));

        var report = string.Join("\n\n", commands.Select(c => c.Sql));
        // The changed item's facts (the item with its face-to-face talks, its signed letters, its answers, its topics), the
        // sections' names and the year's work meetings: six commands, whatever the number of items in the year. The year
        // before's count is kept (none of its items changed).
        Assert.True(commands.Count == 6, report);
        var itemReads = commands.Where(c => ItemTables.Any(t => c.Sql.Contains($"FROM \"{t}\"", StringComparison.Ordinal))).ToList();
        Assert.Equal(4, itemReads.Count);
        await using var db = portal.Db();
        foreach (var command in itemReads)
        {
            // The changed item's id is the only one asked for, and the items are found by their key, not walked by year.
            Assert.Equal(new object?[] { year, changed.Id }, command.Parameters.Select(p => p.Value).ToList());
            var plan = await SqlCommandRecorder.ExplainAsync(db, command);
            Assert.Contains(plan, step => step.Contains("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("Year=?", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TheYearsEveryListOffersAreOneSeekAYearNotAReadOfEveryItem()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        foreach (var daysAgo in new[] { 10, 400, 800, 820 })
        {
            await scenario.ItemAsync(ProposalState.Accepted, daysAgo: daysAgo); // this year, last year, and twice the year before
        }

        await using var db = portal.Db();
        var expected = await db.Proposals.Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync();

        var years = new List<IReadOnlyList<int>>();
        var commands = await SqlCommandRecorder.RecordAsync(async () => years.Add(await portal.Scoped<StatisticsService>().YearsAsync()));

        Assert.Equal(3, expected.Count); // several years, one of them with two items
        Assert.Equal(expected, Assert.Single(years));
        var plan = await SqlCommandRecorder.ExplainAsync(db, Assert.Single(commands));
        var reads = plan.Where(step => step.Contains("Proposals", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, step => Assert.StartsWith("SEARCH Proposals USING COVERING INDEX", step, StringComparison.Ordinal));
    }
}
