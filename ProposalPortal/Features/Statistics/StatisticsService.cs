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
/// The one statistics service: reads the year's facts in a few narrow queries and hands them to
/// <see cref="FigureRules"/>, where the definitions live. Boards, the statistics page, the API and the annual
/// summary all take their numbers from here.
/// </summary>
public sealed class StatisticsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkflowContextFactory contexts,
    PortalClock clock,
    IOptionsMonitor<StatisticsOptions> options,
    IOptionsMonitor<WorkflowOptions> workflow,
    IOptionsMonitor<Domain.Deadlines.DeadlineOptions> deadlineRules,
    FiguresCache cache)
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

    /// <summary>The figures computed afresh, past the cache (the benchmarks measure this).</summary>
    public async Task<YearFigures> ComputeAsync(int year, int? sectionId, CancellationToken cancellationToken = default) =>
        await ComputeAsync(year, sectionId, await contexts.DeadlinesAsync(cancellationToken), cancellationToken);

    private async Task<YearFigures> CachedAsync(int year, int? sectionId, CancellationToken cancellationToken)
    {
        var deadlines = await contexts.DeadlinesAsync(cancellationToken);
        // The monitor's own instances: the calculator's options are a copy made for each calculator.
        var inputs = new FigureInputs(clock.Today, deadlines.Calendar, options.CurrentValue, workflow.CurrentValue, deadlineRules.CurrentValue);
        return await cache.GetOrComputeAsync(year, sectionId, inputs,
            () => ComputeAsync(year, sectionId, deadlines, CancellationToken.None), cancellationToken);
    }

    private async Task<YearFigures> ComputeAsync(int year, int? sectionId, Domain.Deadlines.DeadlineCalculator deadlines,
        CancellationToken cancellationToken, ProposalKind? kind = null, Level? level = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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

        // One row per item, with the reply, the evaluations and the face-to-face talk as correlated scalar
        // subqueries over covering indexes: SQLite answers them from the index pages alone, and .NET materializes
        // 10,000 narrow rows instead of 40,000 child rows (see BENCHMARKS.md, "Statistics").
        var items = await scoped.AsNoTracking()
            .Where(p => p.Year == year)
            .Select(p => new
            {
                p.Id, p.Kind, p.Level, p.Role, p.State, p.IsKey, p.Deadline, p.ClosedOn,
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId,
                Replied = p.Replies.Any(r => r.Kind == ReplyKind.Letter && r.SignedAt != null),
                Category = p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.SignedAt != null)
                    .OrderByDescending(r => r.Round).Select(r => r.Category).FirstOrDefault(),
                Published = p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.SignedAt != null)
                    .OrderByDescending(r => r.Round).Select(r => r.PublishedAt != null).FirstOrDefault(),
                p.ReopenRound,
                LeadProposerId = p.Proposers.OrderBy(x => x.Order).Select(x => (int?)x.Id).FirstOrDefault(),
                FaceToFace = p.Communications.Any(c => Communication.FaceToFaceMethods.Contains(c.Method)),
            })
            .ToListAsync(cancellationToken);

        // Each proposer's answer, so that several proposers' answers make the item's result by the configured rule.
        var answers = (await (
                from e in db.Set<Evaluation>().AsNoTracking()
                join p in scoped on EF.Property<int>(e, "ProposalId") equals p.Id
                where p.Year == year
                select new { p.Id, e.Round, e.ProposerId, e.Satisfaction })
            .ToListAsync(cancellationToken)).ToLookup(a => a.Id);

        var topics = (await (
                from t in db.Set<ProposalTopic>().AsNoTracking()
                join p in scoped on EF.Property<int>(t, "ProposalId") equals p.Id
                where p.Year == year
                select new { p.Id, t.Name })
            .ToListAsync(cancellationToken)).Select(t => (t.Id, t.Name)).ToList();

        var sections = await db.Sections.AsNoTracking().Where(s => sectionId == null || s.Id == sectionId)
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var wholeBureau = sectionId == null && kind == null && level == null;
        var meetings = (await db.WorkMeetings.AsNoTracking().Where(m => m.Year == year && wholeBureau)
                .GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            // In the kinds' own order: each engine groups in its own order, and the figures must read (and serialize,
            // as copy-data compares them) the same on both.
            .OrderBy(m => m.Key).ToDictionary(m => m.Key, m => m.Count);
        // Like with like: last year's items that were returned (退回) are left out, as this year's are.
        var previous = await scoped.CountAsync(p => p.Year == year - 1 && p.State != ProposalState.Returned, cancellationToken);
        var rule = workflow.CurrentValue.SatisfactionRule;

        var facts = items.Select(i =>
        {
            var mine = answers[i.Id].ToList();
            Satisfaction? Result(int round) => ItemSatisfaction.Of(rule, mine.Where(a => a.Round == round)
                .Select(a => ((a.ProposerId ?? i.LeadProposerId) == i.LeadProposerId, a.Satisfaction)).ToList());
            // Closed with no answer to its last reply: 未反馈, counted apart and not in the satisfaction rates.
            var noFeedback = i.Role == HandlingRole.Lead && i.State == ProposalState.Closed && mine.All(a => a.Round != i.ReopenRound + 1);
            var final = noFeedback || mine.Count == 0 ? null : Result(mine.Max(a => a.Round));
            return new ProposalFacts(
                i.Id, i.Kind, i.Level, i.Role, i.State, i.IsKey, i.Deadline, i.ClosedOn, i.SectionId,
                i.Replied ? i.Category : null, i.Replied, i.Replied && i.Published,
                Result(1), final, i.FaceToFace, Proposal.IsDeadlineStepDoneIn(i.State), noFeedback);
        }).ToList();

        return FigureRules.Compute(year, facts, topics, sections, meetings, previous == 0 ? null : previous,
            clock.Today, options.CurrentValue, deadlines);
    }

    /// <summary>The years that have items, newest first, for year selectors.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Proposals.Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
    }
}
