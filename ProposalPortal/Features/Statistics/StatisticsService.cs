using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Statistics;

/// <summary>
/// The one statistics service: takes the year's facts from this node's copy (<see cref="YearFactsStore"/>, kept current
/// item by item) and hands them to <see cref="FigureRules"/>, where the definitions live. Boards, the statistics page,
/// the API and the annual summary all take their numbers from here.
/// </summary>
public sealed class StatisticsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkflowContextFactory contexts,
    PortalClock clock,
    IOptionsMonitor<StatisticsOptions> options,
    IOptionsMonitor<WorkflowOptions> workflow,
    IOptionsMonitor<Domain.Deadlines.DeadlineOptions> deadlineRules,
    FiguresCache cache,
    YearFactsStore store)
{
    /// <summary>The bureau's figures of <paramref name="year"/>: this node's copy while no save has touched that year (<see cref="FiguresCache"/>).</summary>
    public Task<YearFigures> GetYearFiguresAsync(int year, CancellationToken cancellationToken = default) =>
        CachedAsync(year, null, cancellationToken);

    /// <summary>
    /// The figures of one section's items only, for section staff (the API): the same definitions over that section's
    /// items; the bureau's work meetings are not a section's and are left out.
    /// </summary>
    public Task<YearFigures> GetSectionFiguresAsync(int year, int sectionId, CancellationToken cancellationToken = default) =>
        CachedAsync(year, sectionId, cancellationToken);

    /// <summary>
    /// The figures of one source's items only (人大代表建议 or 政协委员提案, of one level or both), for the 办理情况统计表 that
    /// the 人大选联工委 and the 政协提案委 ask of the bureau: the same definitions over those items; the bureau's work
    /// meetings are not a source's and are left out. Not cached: a report is asked for a few times a year.
    /// </summary>
    public async Task<YearFigures> GetSourceFiguresAsync(int year, ProposalKind kind, Level? level, CancellationToken cancellationToken = default) =>
        await ComputeAsync(year, null, await contexts.DeadlinesAsync(cancellationToken), cancellationToken, kind, level);

    /// <summary>
    /// The figures computed past the cache, from this node's facts of the year (<see cref="YearFactsStore"/>: the items
    /// changed since the last computation read again, or the whole year on first use). What every change costs.
    /// </summary>
    public async Task<YearFigures> ComputeAsync(int year, int? sectionId, CancellationToken cancellationToken = default) =>
        await ComputeAsync(year, sectionId, await contexts.DeadlinesAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The figures computed from the year's facts read whole from the database, past the cache and this node's facts (and
    /// leaving both alone): what the first computation of a year costs, and what the kept facts must always agree with.
    /// </summary>
    public async Task<YearFigures> ComputeFromScratchAsync(int year, int? sectionId, CancellationToken cancellationToken = default) =>
        await ComputeAsync(year, sectionId, await contexts.DeadlinesAsync(cancellationToken), cancellationToken, fromScratch: true);

    private async Task<YearFigures> CachedAsync(int year, int? sectionId, CancellationToken cancellationToken)
    {
        var deadlines = await contexts.DeadlinesAsync(cancellationToken);
        // The monitor's own instances: the calculator's options are a copy made for each calculator.
        var inputs = new FigureInputs(clock.Today, deadlines.Calendar, options.CurrentValue, workflow.CurrentValue, deadlineRules.CurrentValue);
        return await cache.GetOrComputeAsync(year, sectionId, inputs,
            () => ComputeAsync(year, sectionId, deadlines, CancellationToken.None), cancellationToken);
    }

    private async Task<YearFigures> ComputeAsync(int year, int? sectionId, Domain.Deadlines.DeadlineCalculator deadlines,
        CancellationToken cancellationToken, ProposalKind? kind = null, Level? level = null, bool fromScratch = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = workflow.CurrentValue.SatisfactionRule;
        var facts = fromScratch
            ? YearFacts.Of((await YearFactsQuery.ReadAsync(db, year, null, rule, cancellationToken)).Values)
            : await store.GetAsync(db, year, rule, cancellationToken);
        // A section's or a source's figures: the same definitions over its items only (the responsibility's section: no
        // responsibility, no section).
        var items = sectionId is null && kind is null && level is null
            ? facts.Items
            : facts.Items.Where(i => (sectionId is null || i.SectionId == sectionId) && (kind is null || i.Kind == kind)
                && (level is null || i.Level == level)).ToList();

        var sections = await db.Sections.AsNoTracking().Where(s => sectionId == null || s.Id == sectionId)
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var wholeBureau = sectionId == null && kind == null && level == null;
        var meetings = (await db.WorkMeetings.AsNoTracking().Where(m => m.Year == year && wholeBureau)
                .GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            // In the kinds' own order: each engine groups in its own order, and the figures must read (and serialize,
            // as copy-data compares them) the same on both.
            .OrderBy(m => m.Key).ToDictionary(m => m.Key, m => m.Count);

        // Like with like: last year's items that were returned (退回) are left out, as this year's are. Kept with last
        // year's facts until one of its items changes, so that a change to this year reads nothing of last year.
        var scoped = sectionId is { } only
            ? db.Proposals.Where(p => p.Responsibility != null && p.Responsibility.SectionId == only)
            : db.Proposals;
        if (kind is { } k)
        {
            scoped = scoped.Where(p => p.Kind == k);
        }

        if (level is { } l)
        {
            scoped = scoped.Where(p => p.Level == l);
        }

        Task<int> CountPrevious() => scoped.CountAsync(p => p.Year == year - 1 && p.State != ProposalState.Returned, cancellationToken);
        var previous = fromScratch ? await CountPrevious() : await store.CountAsync(year - 1, (sectionId, kind, level), CountPrevious);
        return FigureRules.Compute(year, items, facts.Topics, sections, meetings, previous == 0 ? null : previous,
            clock.Today, options.CurrentValue, deadlines);
    }

    /// <summary>The years that have items, newest first, for year selectors.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Every list page asks. DISTINCT read the whole year index (100,000 entries over ten years); this walks it from
        // the newest year down, one index seek per year (both providers plan MAX over an indexed column as a seek).
        return await db.Database.SqlQueryRaw<int>(YearsSql).ToListAsync(cancellationToken);
    }

    internal const string YearsSql = """
        WITH RECURSIVE y("Value") AS (
            SELECT MAX("Year") FROM "Proposals"
            UNION ALL
            SELECT (SELECT MAX("Year") FROM "Proposals" WHERE "Year" < y."Value") FROM y WHERE y."Value" IS NOT NULL)
        SELECT "Value" FROM y WHERE "Value" IS NOT NULL
        """;
}
