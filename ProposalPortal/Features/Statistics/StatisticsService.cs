using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
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
    IOptionsMonitor<StatisticsOptions> options)
{
    public async Task<YearFigures> GetYearFiguresAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.Proposals.AsNoTracking()
            .Where(p => p.Year == year)
            .Select(p => new
            {
                p.Id, p.Kind, p.Level, p.Role, p.State, p.IsKey, p.Deadline, p.ClosedOn,
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId,
            })
            .ToListAsync(cancellationToken);

        var evaluations = await (
                from e in db.Set<Evaluation>().AsNoTracking()
                join p in db.Proposals on EF.Property<int>(e, "ProposalId") equals p.Id
                where p.Year == year
                select new { p.Id, e.Round, e.Satisfaction, e.RecordedAt })
            .ToListAsync(cancellationToken);
        var first = evaluations.Where(e => e.Round == 1).GroupBy(e => e.Id)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.RecordedAt)!.Satisfaction);
        var final = evaluations.GroupBy(e => e.Id)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Round).ThenBy(e => e.RecordedAt).Last().Satisfaction);

        var replies = await (
                from r in db.Set<Reply>().AsNoTracking()
                join p in db.Proposals on EF.Property<int>(r, "ProposalId") equals p.Id
                where p.Year == year && r.Kind == ReplyKind.Letter && r.SignedAt != null
                select new { p.Id, r.Round, r.Category, Published = r.PublishedAt != null })
            .ToListAsync(cancellationToken);
        var latestReply = replies.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Round)!);

        var faceToFace = (await (
                from c in db.Set<Communication>().AsNoTracking()
                join p in db.Proposals on EF.Property<int>(c, "ProposalId") equals p.Id
                where p.Year == year && (c.Method == CommunicationMethod.FaceToFace || c.Method == CommunicationMethod.SiteVisit)
                select p.Id)
            .Distinct().ToListAsync(cancellationToken)).ToHashSet();

        var topics = (await (
                from t in db.Set<ProposalTopic>().AsNoTracking()
                join p in db.Proposals on EF.Property<int>(t, "ProposalId") equals p.Id
                where p.Year == year
                select new { p.Id, t.Name })
            .ToListAsync(cancellationToken)).Select(t => (t.Id, t.Name)).ToList();

        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var meetings = (await db.WorkMeetings.AsNoTracking().Where(m => m.Year == year)
                .GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(m => m.Key, m => m.Count);
        var previous = await db.Proposals.CountAsync(p => p.Year == year - 1, cancellationToken);

        var facts = items.Select(i =>
        {
            latestReply.TryGetValue(i.Id, out var reply);
            return new ProposalFacts(
                i.Id, i.Kind, i.Level, i.Role, i.State, i.IsKey, i.Deadline, i.ClosedOn, i.SectionId,
                reply?.Category, reply is not null, reply?.Published ?? false,
                first.TryGetValue(i.Id, out var f) ? f : null,
                final.TryGetValue(i.Id, out var l) ? l : null,
                faceToFace.Contains(i.Id),
                Proposal.IsDeadlineStepDoneIn(i.State));
        }).ToList();

        return FigureRules.Compute(year, facts, topics, sections, meetings, previous == 0 ? null : previous,
            clock.Today, options.CurrentValue, await contexts.DeadlinesAsync(cancellationToken));
    }

    /// <summary>The years that have items, newest first, for year selectors.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Proposals.Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
    }
}
