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

        // The last step taken on each open item: how long it has been idle. Grouped in SQL, one row per open item, rather
        // than every audit entry of every open item (about 22,000 rows for the current year at 100,000 items).
        var lastSteps = (await (
                    from a in db.AuditEntries.AsNoTracking()
                    join p in query on a.ProposalId equals p.Id
                    where !DoneStates.Contains(p.State)
                    group a.At by a.ProposalId into g
                    select new { ProposalId = g.Key, At = g.Max() })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.ProposalId, a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a.At, clock.Zone).DateTime));

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

        var keyItems = await KeyProgressAsync(query.Where(p => p.IsKey), today, deadlines, sections, cancellationToken);

        // A section's board sorts its own few thousand entries straight away: the newest entries of all items seldom hold its feed.
        var activity = await ActivityAsync(db, query, scope.IsWholeBureau ? items.Select(i => i.Id).ToHashSet() : null,
            settings.ActivityCount, cancellationToken);

        var snapshot = new BoardSnapshot(year, today, scope,
            scope.SectionId is { } s ? Name(sections, s, "本科室") : "全局",
            headline, overdue, dueSoon, load, keyItems, lateCommitments, forecast,
            settings.ForecastWorkingDays, settings.ForecastIdleDays, activity);
        return snapshot with { Parts = BoardParts.Of(snapshot, settings.BoardListRows, clock.Zone) };
    }

    /// <summary>
    /// The latest entries of the scope's items, newest first. The newest entries of all items are read first, along the
    /// At index: on the current year's board nearly all of them are the scope's, and when at least <paramref name="count"/>
    /// of them are, they are exactly the scope's latest. Only otherwise (a section's board, a past year) are all the scope's
    /// entries sorted, as before; that sort is what the bureau's board of the current year used to pay on every change
    /// (about 114,000 entries at 100,000 items).
    /// </summary>
    private static async Task<List<ActivityLine>> ActivityAsync(PortalDbContext db, IQueryable<Proposal> scope, HashSet<int>? scopeIds,
        int count, CancellationToken cancellationToken)
    {
        var newest = scopeIds is null ? [] : await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(count * RecentActivityWindow)
            .Select(a => new { a.Id, a.ProposalId })
            .ToListAsync(cancellationToken);
        var latest = newest.Where(a => scopeIds!.Contains(a.ProposalId)).Take(count).Select(a => a.Id).ToList();
        var entries = scopeIds is not null && (latest.Count == count || newest.Count < count * RecentActivityWindow)
            ? db.AuditEntries.Where(a => latest.Contains(a.Id))
            : db.AuditEntries;
        var lines = await (
                from a in entries.AsNoTracking()
                join p in scope on a.ProposalId equals p.Id
                orderby a.At descending, a.Id descending
                select new { a.Id, a.ProposalId, p.Session, p.Number, p.Kind, a.At, a.ActorName, a.Action, a.FromState, a.ToState })
            .Take(count)
            .ToListAsync(cancellationToken);
        return lines.Select(a => new ActivityLine(a.Id, a.ProposalId, Proposal.DesignationOf(a.Session, a.Number, a.Kind),
            a.At, a.ActorName, a.Action.ToChinese(), a.FromState?.ToChinese(), a.ToState?.ToChinese())).ToList();
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

    // Only what the progress steps ask of each key item, in one query: before, every key item was loaded whole (its replies'
    // bodies, audit trail, attachments … in ten split queries) to answer eight yes-or-no questions.
    private static async Task<List<KeyProgress>> KeyProgressAsync(IQueryable<Proposal> keyItems, DateOnly today,
        DeadlineCalculator deadlines, Dictionary<int, string> sections, CancellationToken cancellationToken)
    {
        var rows = await keyItems
            .OrderBy(p => p.Session).ThenBy(p => p.Number)
            .Select(p => new
            {
                p.Id, p.Session, p.Number, p.Kind, p.Title, p.Role, p.State, p.Deadline, p.RepliedOn,
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId,
                Contacted = p.Communications.Any(),
                FaceToFace = p.Communications.Any(c => Communication.FaceToFaceMethods.Contains(c.Method)),
                Replied = p.Replies.Any(),
                // The letter of the latest round, as the item page shows it.
                Drafted = p.Replies.Any(r => r.Kind == ReplyKind.Letter),
                Reviewed = p.Replies.Where(r => r.Kind == ReplyKind.Letter).OrderByDescending(r => r.Round)
                    .Select(r => r.ReviewedAt != null).FirstOrDefault(),
                Signed = p.Replies.Where(r => r.Kind == ReplyKind.Letter).OrderByDescending(r => r.Round)
                    .Select(r => r.SignedAt != null).FirstOrDefault(),
                Evaluated = p.Evaluations.Any(),
                Committed = p.Commitments.Any(),
                CommitmentsOpen = p.Commitments.Any(c => c.Status != CommitmentStatus.Done && c.Status != CommitmentStatus.Dropped),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(p =>
        {
            var status = p.Deadline is { } d ? deadlines.Classify(d, today, Proposal.IsDeadlineStepDoneIn(p.State)) : null;
            var steps = new List<ProgressStep>
            {
                new("办前联系", p.Contacted),
                new("面商", p.FaceToFace),
                new("拟稿", p.Drafted || p.Role == HandlingRole.Assisting && p.Replied),
                new("审核", p.Reviewed),
                new("签发", p.Signed),
                new("答复", p.RepliedOn is not null || p.State is ProposalState.OpinionSent or ProposalState.Closed),
                new("评价", p.Evaluated),
                new("承诺落实", p.Committed ? !p.CommitmentsOpen : p.State == ProposalState.Closed),
            };
            return new KeyProgress(p.Id, Proposal.DesignationOf(p.Session, p.Number, p.Kind), p.Title, Name(sections, p.SectionId, "未定科室"),
                p.Deadline, status?.DaysLeft, status?.Level, p.State.ToChinese(), steps);
        }).ToList();
    }

    // How many of all items' newest audit entries are read, per line of the feed, before sorting the scope's own: 50 × 20
    // lines is 1,000 index entries (about a millisecond), enough for the bureau's board of the current year.
    private const int RecentActivityWindow = 50;

    private static readonly ProposalState[] DoneStates = Enum.GetValues<ProposalState>().Where(Proposal.IsDeadlineStepDoneIn).ToArray();

    private static string Designation(Row i) => Proposal.DesignationOf(i.Session, i.Number, i.Kind);

    private static string Name(Dictionary<int, string> names, int? id, string none) =>
        id is { } key && names.TryGetValue(key, out var name) ? name : none;

    private sealed record Row(int Id, string Session, int Number, ProposalKind Kind, string Title, bool IsKey, HandlingRole Role,
        ProposalState State, DateOnly? Deadline, int? SectionId, int? HandlerId, int? LeaderId);
}
