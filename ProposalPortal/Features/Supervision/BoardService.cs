using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// Computes what the supervision boards show, for one year and one scope, from the database. The bureau's rates
/// come from <see cref="StatisticsService"/> (the one source of figures); lateness uses the same
/// <see cref="DeadlineCalculator.Classify"/> as the item list.
/// </summary>
public sealed class BoardService(
    IDbContextFactory<PortalDbContext> dbFactory,
    StatisticsService statistics,
    WorkflowContextFactory contexts,
    PortalClock clock,
    IOptionsMonitor<SupervisionOptions> options)
{
    public async Task<BoardSnapshot> GetAsync(int year, BoardScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var settings = options.CurrentValue;
        var today = clock.Today;
        var deadlines = await contexts.DeadlinesAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        var query = db.Proposals.AsNoTracking().Where(p => p.Year == year);
        if (scope.SectionId is { } only)
        {
            query = query.Where(p => p.Responsibility != null && p.Responsibility.SectionId == only);
        }

        var items = await query
            .Select(p => new Row(p.Id, p.Session, p.Number, p.Kind, p.Title, p.IsKey, p.Role, p.State, p.Deadline,
                p.Responsibility == null ? null : p.Responsibility.SectionId,
                p.Responsibility == null ? null : p.Responsibility.HandlerId,
                p.Responsibility == null ? null : p.Responsibility.LeaderId))
            .ToListAsync(cancellationToken);
        var ids = items.Select(i => i.Id).ToList();

        // The last step taken on each open item: how long it has been idle.
        var openIds = items.Where(i => !Proposal.IsDeadlineStepDoneIn(i.State)).Select(i => i.Id).ToList();
        var lastSteps = (await db.AuditEntries.AsNoTracking()
                .Where(a => openIds.Contains(a.ProposalId))
                .Select(a => new { a.ProposalId, a.At })
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.ProposalId)
            .ToDictionary(g => g.Key, g => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(g.Max(a => a.At), clock.Zone).DateTime));

        BoardItem ToItem(Row i, DeadlineStatus status) => new(
            i.Id, Designation(i), i.Title, i.IsKey, Name(sections, i.SectionId, "未定科室"), Name(staff, i.HandlerId, "未定"),
            Name(staff, i.LeaderId, "未定"), i.State.ToChinese(), i.Deadline!.Value, status.DaysLeft, status.Level,
            lastSteps.TryGetValue(i.Id, out var last) ? today.DayNumber - last.DayNumber : 0);

        var classified = items.Where(i => i.Deadline is not null)
            .Select(i => (Row: i, Status: deadlines.Classify(i.Deadline!.Value, today, Proposal.IsDeadlineStepDoneIn(i.State))))
            .ToList();
        var overdue = classified.Where(c => c.Status.Level == DeadlineLevel.Overdue)
            .OrderBy(c => c.Status.DaysLeft).Select(c => ToItem(c.Row, c.Status)).ToList();
        var dueSoon = classified.Where(c => c.Status.Level is DeadlineLevel.DueSoon or DeadlineLevel.Urgent)
            .OrderBy(c => c.Status.DaysLeft).Select(c => ToItem(c.Row, c.Status)).ToList();

        // Forecast: not yet overdue, the deadline within N working days, and nothing done for M days.
        var horizon = deadlines.Calendar.AddWorkingDays(today, settings.ForecastWorkingDays).End;
        var forecast = classified
            .Where(c => c.Status.Level != DeadlineLevel.Overdue && c.Status.Level != DeadlineLevel.Done && c.Row.Deadline <= horizon)
            .Select(c => ToItem(c.Row, c.Status))
            .Where(i => i.IdleDays >= settings.ForecastIdleDays)
            .OrderBy(i => i.DaysLeft).ToList();

        var overdueIds = overdue.Select(i => i.Id).ToHashSet();
        var dueSoonIds = dueSoon.Select(i => i.Id).ToHashSet();
        var lateCommitments = await LateCommitmentsAsync(db, year, scope, today, sections, cancellationToken);
        var load = items.Where(i => i.SectionId is not null && (scope.SectionId is null || i.SectionId == scope.SectionId))
            .GroupBy(i => i.SectionId!.Value)
            .Select(g =>
            {
                var open = g.Where(i => !Proposal.IsDeadlineStepDoneIn(i.State)).ToList();
                return new SectionLoad(g.Key, Name(sections, g.Key, "未定科室"),
                    open.GroupBy(i => i.State).OrderBy(s => s.Key).Select(s => new StateCount(s.Key.ToChinese(), s.Count())).ToList(),
                    open.Count,
                    g.Count(i => overdueIds.Contains(i.Id)),
                    g.Count(i => dueSoonIds.Contains(i.Id)),
                    lateCommitments.Count(c => c.Section == Name(sections, g.Key, "未定科室")));
            })
            .OrderByDescending(s => s.Overdue).ThenByDescending(s => s.Open).ToList();

        var headline = scope.IsWholeBureau
            ? await BureauHeadlineAsync(year, items, overdue.Count, dueSoon.Count, cancellationToken)
            : new BoardHeadline(items.Count, items.Count(i => i.Role == HandlingRole.Lead), items.Count(i => i.Role == HandlingRole.Assisting),
                items.Count(i => i.State == ProposalState.Closed), items.Count(i => !Proposal.IsDeadlineStepDoneIn(i.State)),
                overdue.Count, dueSoon.Count, null, null, null, null);

        var keyItems = await KeyProgressAsync(db, items.Where(i => i.IsKey).Select(i => i.Id).ToList(), today, deadlines, sections, cancellationToken);

        var activity = await (
                from a in db.AuditEntries.AsNoTracking()
                join p in query on a.ProposalId equals p.Id
                orderby a.At descending, a.Id descending
                select new { a.Id, a.ProposalId, p.Session, p.Number, p.Kind, a.At, a.ActorName, a.Action, a.FromState, a.ToState })
            .Take(settings.ActivityCount)
            .ToListAsync(cancellationToken);

        return new BoardSnapshot(year, today, scope,
            scope.SectionId is { } s ? Name(sections, s, "本科室") : "全局",
            headline, overdue, dueSoon, load, keyItems, lateCommitments, forecast,
            settings.ForecastWorkingDays, settings.ForecastIdleDays,
            activity.Select(a => new ActivityLine(a.Id, a.ProposalId, Proposal.DesignationOf(a.Session, a.Number, a.Kind),
                a.At, a.ActorName, a.Action.ToChinese(), a.FromState?.ToChinese(), a.ToState?.ToChinese())).ToList());
    }

    private async Task<BoardHeadline> BureauHeadlineAsync(int year, List<Row> items, int overdue, int dueSoon, CancellationToken cancellationToken)
    {
        var figures = await statistics.GetYearFiguresAsync(year, cancellationToken);
        return new BoardHeadline(figures.Received, figures.Lead, figures.Assisting, figures.LeadClosed,
            items.Count(i => !Proposal.IsDeadlineStepDoneIn(i.State)), overdue, dueSoon,
            figures.CompletionRate.ToString(), figures.OnTimeRate.ToString(), figures.FinalSatisfaction.ToString(),
            figures.PublicationRate.ToString());
    }

    private static async Task<List<LateCommitment>> LateCommitmentsAsync(PortalDbContext db, int year, BoardScope scope, DateOnly today,
        Dictionary<int, string> sections, CancellationToken cancellationToken)
    {
        var open = await (
                from c in db.Set<Commitment>().AsNoTracking()
                join p in db.Proposals on EF.Property<int>(c, "ProposalId") equals p.Id
                where p.Year == year && (c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress) && c.DueOn < today
                select new
                {
                    p.Id, p.Session, p.Number, p.Kind, c.Description, c.DueOn,
                    SectionId = c.OwnerSectionId ?? (p.Responsibility == null ? null : (int?)p.Responsibility.SectionId),
                })
            .ToListAsync(cancellationToken);
        return open.Where(c => scope.SectionId is null || c.SectionId == scope.SectionId)
            .Select(c => new LateCommitment(c.Id, Proposal.DesignationOf(c.Session, c.Number, c.Kind), Name(sections, c.SectionId, "未定科室"),
                c.Description, c.DueOn, today.DayNumber - c.DueOn.DayNumber))
            .OrderBy(c => c.Section).ThenByDescending(c => c.DaysLate).ToList();
    }

    private static async Task<List<KeyProgress>> KeyProgressAsync(PortalDbContext db, List<int> keyIds, DateOnly today,
        DeadlineCalculator deadlines, Dictionary<int, string> sections, CancellationToken cancellationToken)
    {
        if (keyIds.Count == 0)
        {
            return [];
        }

        var proposals = await ProposalService.WithEverything(db.Proposals.AsNoTracking())
            .Where(p => keyIds.Contains(p.Id)).ToListAsync(cancellationToken);
        return proposals.OrderBy(p => p.Session).ThenBy(p => p.Number).Select(p =>
        {
            var letter = p.Replies.Where(r => r.Kind == ReplyKind.Letter).MaxBy(r => r.Round);
            var status = p.Deadline is { } d ? deadlines.Classify(d, today, p.IsDeadlineStepDone) : null;
            var steps = new List<ProgressStep>
            {
                new("办前联系", p.Communications.Count > 0),
                new("面商", p.HasFaceToFaceCommunication),
                new("拟稿", letter is not null || p.Role == HandlingRole.Assisting && p.Replies.Count > 0),
                new("审核", letter?.ReviewedAt is not null),
                new("签发", letter?.SignedAt is not null),
                new("答复", p.RepliedOn is not null || p.State is ProposalState.OpinionSent or ProposalState.Closed),
                new("评价", p.Evaluations.Count > 0),
                new("承诺落实", p.Commitments.Count > 0
                    ? p.Commitments.All(c => c.Status is CommitmentStatus.Done or CommitmentStatus.Dropped)
                    : p.State == ProposalState.Closed),
            };
            return new KeyProgress(p.Id, p.Designation, p.Title, Name(sections, p.Responsibility?.SectionId, "未定科室"),
                p.Deadline, status?.DaysLeft, status?.Level, p.State.ToChinese(), steps);
        }).ToList();
    }

    private static string Designation(Row i) => Proposal.DesignationOf(i.Session, i.Number, i.Kind);

    private static string Name(Dictionary<int, string> names, int? id, string none) =>
        id is { } key && names.TryGetValue(key, out var name) ? name : none;

    private sealed record Row(int Id, string Session, int Number, ProposalKind Kind, string Title, bool IsKey, HandlingRole Role,
        ProposalState State, DateOnly? Deadline, int? SectionId, int? HandlerId, int? LeaderId);
}
