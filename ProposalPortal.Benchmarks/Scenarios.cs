using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Benchmarks;

/// <summary>One measured call and the time it should stay under.</summary>
public sealed record Scenario(string Name, double TargetMilliseconds, string Description, Func<PortalFixture, ScenarioInputs, Task<object>> Run);

/// <summary>The section the section-scoped queries look at, found by name in the cached database.</summary>
public sealed record ScenarioInputs(int SectionId, string SectionName)
{
    /// <summary>The section of the energy items (充电桩…): a busy one.</summary>
    public const string Section = "能源一科";

    public static async Task<ScenarioInputs> LoadAsync(PortalFixture fixture)
    {
        var factory = fixture.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var id = await db.Sections.Where(s => s.Name == Section).Select(s => s.Id).SingleAsync();
        return new ScenarioInputs(id, Section);
    }
}

/// <summary>The calls the benchmarks time; the explain mode runs the same ones to print their SQL and plans.</summary>
public static class Scenarios
{
    public const int CurrentYear = BenchmarkSettings.CurrentYear;
    public const int ClosedYear = BenchmarkSettings.CurrentYear - 1;
    public const int OlderYear = 2022;

    public static readonly IReadOnlyList<Scenario> All =
    [
        // Computed from scratch, past the figures' cache (FiguresCache) and the node's facts (YearFactsStore): what a
        // node's first read of the year costs (after a change, only the changed items are read: --figures).
        new("StatisticsCurrentYear", 30, $"StatisticsService.ComputeFromScratchAsync({CurrentYear})",
            async (f, _) => await f.Statistics.ComputeFromScratchAsync(CurrentYear, null)),
        new("StatisticsOlderYear", 100, $"StatisticsService.ComputeFromScratchAsync({OlderYear})",
            async (f, _) => await f.Statistics.ComputeFromScratchAsync(OlderYear, null)),
        // Read as every page reads it: from the cache while no save touched the year.
        new("StatisticsClosedYearCached", 5, $"StatisticsService.GetYearFiguresAsync({OlderYear})",
            async (f, _) => await f.Statistics.GetYearFiguresAsync(OlderYear)),
        new("QueryYearStateSectionClosed", 20, $"QueryAsync(Year {ClosedYear}, State Closed, Section, DeadlineAscending, 50) as Office",
            async (f, i) => await f.Queries.QueryAsync(new ProposalQuery(Year: ClosedYear, State: ProposalState.Closed,
                SectionId: i.SectionId, Sort: ProposalSort.DeadlineAscending, PageSize: 50), PortalFixture.Office)),
        new("QueryYearStateSectionInProgress", 20, $"QueryAsync(Year {CurrentYear}, State InProgress, Section, DeadlineAscending, 50) as Office",
            async (f, i) => await f.Queries.QueryAsync(new ProposalQuery(Year: CurrentYear, State: ProposalState.InProgress,
                SectionId: i.SectionId, Sort: ProposalSort.DeadlineAscending, PageSize: 50), PortalFixture.Office)),
        new("QueryOverdue", 20, $"QueryAsync(Year {CurrentYear}, Due Overdue, DeadlineAscending, 50) as Office",
            async (f, _) => await f.Queries.QueryAsync(new ProposalQuery(Year: CurrentYear, Due: DueFilter.Overdue,
                Sort: ProposalSort.DeadlineAscending, PageSize: 50), PortalFixture.Office)),
        new("QueryText", 20, $"QueryAsync(Year {CurrentYear}, Text \"充电\", DeadlineAscending, 50) as Office",
            async (f, _) => await f.Queries.QueryAsync(new ProposalQuery(Year: CurrentYear, Text: "充电",
                Sort: ProposalSort.DeadlineAscending, PageSize: 50), PortalFixture.Office)),
        new("QueryYearFirstPage", 20, $"QueryAsync(Year {CurrentYear}, DeadlineAscending, 50) as Office",
            async (f, _) => await f.Queries.QueryAsync(new ProposalQuery(Year: CurrentYear,
                Sort: ProposalSort.DeadlineAscending, PageSize: 50), PortalFixture.Office)),
        new("QuerySectionStaff", 20, $"QueryAsync(Year {CurrentYear}, DeadlineAscending, 50) as section staff (own section only)",
            async (f, i) => await f.Queries.QueryAsync(new ProposalQuery(Year: CurrentYear,
                Sort: ProposalSort.DeadlineAscending, PageSize: 50), PortalFixture.SectionStaff(i.SectionId))),
    ];

    public static Scenario Get(string name) => All.Single(s => s.Name == name);

    /// <summary>A one-line description of what a result holds, for the sanity print.</summary>
    public static string Describe(object result) => result switch
    {
        ProposalPage page => $"{page.Rows.Count} rows of {page.Total:N0}",
        Domain.Statistics.YearFigures figures => $"received {figures.Received:N0}, lead {figures.Lead:N0}, closed {figures.LeadClosed:N0}",
        _ => result.ToString() ?? string.Empty,
    };
}
