using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// Finds the items that have crossed into due-soon or overdue (and 办前联系 overdue) and tells each handler once per
/// threshold and deadline date; what was sent is recorded in the database, so a restart never repeats a notice.
/// The boards and the bells hear of the crossings through the notifier.
/// </summary>
public sealed class DeadlineScanner(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkflowContextFactory contexts,
    PortalClock clock,
    ISupervisionNotifier notifier,
    IOptionsMonitor<ProposalPortal.Features.Notices.NoticeOptions> noticeOptions,
    ProposalPortal.Features.Notices.NoticeOutboxSignal outbox)
{
    private DateOnly? _lastDay;

    /// <summary>Sends the notices due today; returns how many were sent.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var deadlines = await contexts.DeadlinesAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var open = await db.Proposals.AsNoTracking()
            .Where(p => p.Responsibility != null && p.Deadline != null
                && p.State != ProposalState.Replied && p.State != ProposalState.Evaluated && p.State != ProposalState.OpinionSent
                && p.State != ProposalState.Closed && p.State != ProposalState.Returned)
            .Select(p => new
            {
                p.Id, p.Session, p.Number, p.Kind, p.State, Deadline = p.Deadline!.Value, p.FirstContactDueOn,
                p.Responsibility!.HandlerId, p.Responsibility.SectionId, Contacted = p.Communications.Any(),
            })
            .ToListAsync(cancellationToken);
        var ids = open.Select(p => p.Id).ToList();
        var sent = (await db.DeadlineNoticesSent.AsNoTracking().Where(n => ids.Contains(n.ProposalId))
                .Select(n => new { n.ProposalId, n.Threshold, n.Deadline }).ToListAsync(cancellationToken))
            .Select(n => (n.ProposalId, n.Threshold, n.Deadline)).ToHashSet();

        var crossed = new List<(int Id, int Section, int Handler)>();
        foreach (var p in open.Where(p => !Proposal.IsDeadlineStepDoneIn(p.State)))
        {
            var designation = Proposal.DesignationOf(p.Session, p.Number, p.Kind);
            var status = deadlines.Classify(p.Deadline, today, stepDone: false);
            var threshold = status.Level switch
            {
                DeadlineLevel.Overdue => DeadlineThreshold.Overdue,
                DeadlineLevel.DueSoon or DeadlineLevel.Urgent => DeadlineThreshold.DueSoon,
                _ => (DeadlineThreshold?)null,
            };
            var notices = new List<(DeadlineThreshold Threshold, DateOnly Date, NoticeKind Kind, string Text)>();
            if (threshold is { } t)
            {
                notices.Add(t == DeadlineThreshold.Overdue
                    ? (t, p.Deadline, NoticeKind.Overdue, $"{designation}已超过办理时限（{ChineseDate.Format(p.Deadline)}），请尽快办理")
                    : (t, p.Deadline, NoticeKind.DueSoon,
                        $"{designation}将于{ChineseDate.Format(p.Deadline)}到期（{(status.DaysLeft == 0 ? "今日到期" : $"剩{status.DaysLeft}天")}），请抓紧办理"));
            }

            if (p.FirstContactDueOn is { } contactDue && today > contactDue && !p.Contacted)
            {
                notices.Add((DeadlineThreshold.FirstContactOverdue, contactDue, NoticeKind.Overdue,
                    $"{designation}已过办前联系时限（{ChineseDate.Format(contactDue)}），尚未记录与提出人的联系"));
            }

            foreach (var n in notices.Where(n => !sent.Contains((p.Id, n.Threshold, n.Date))))
            {
                db.DeadlineNoticesSent.Add(new DeadlineNoticeSent(p.Id, n.Threshold, n.Date, clock.Now));
                db.Notices.Add(new Notice(p.HandlerId, p.Id, n.Kind, n.Text, clock.Now));
                crossed.Add((p.Id, p.SectionId, p.HandlerId));
            }
        }

        crossed.AddRange(await PromisesComingDueAsync(db, today, cancellationToken));
        if (crossed.Count == 0)
        {
            await AnnounceNewDayAsync(today, open.Select(p => p.SectionId));
            return 0;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another monitor (a second server, an overlapping start) recorded the same crossing first: it told them.
            return 0;
        }

        _lastDay = today;
        outbox.Wake();
        await notifier.PublishAsync(new SupervisionChange(SupervisionChangeKind.DeadlineCrossed,
            crossed.Select(c => c.Id).Distinct().ToList(), open.Select(p => p.SectionId).Distinct().ToList(), clock.Now,
            $"{crossed.Count}条临期、超期提醒已发送", crossed.Select(c => c.Handler).Distinct().ToList()), CancellationToken.None);
        return crossed.Count;
    }

    /// <summary>
    /// The promises (跟踪问效) falling due within <see cref="ProposalPortal.Features.Notices.NoticeOptions.CommitmentDueSoonDays"/>,
    /// neither done nor dropped: the item's handler is told once per item and due date, whatever state the item is in
    /// (promises are kept after the reply). Adds the notices to <paramref name="db"/>; returns the crossings.
    /// </summary>
    private async Task<List<(int Id, int Section, int Handler)>> PromisesComingDueAsync(PortalDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var horizon = today.AddDays(Math.Max(0, noticeOptions.CurrentValue.CommitmentDueSoonDays));
        // A join on the promise's key rather than SelectMany over the item's collection, which SQLite cannot translate.
        var promises = await (
                from c in db.Set<Commitment>().AsNoTracking()
                join p in db.Proposals.AsNoTracking() on EF.Property<int>(c, "ProposalId") equals p.Id
                where p.Responsibility != null
                    && (c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress) && c.DueOn >= today && c.DueOn <= horizon
                select new { p.Id, p.Session, p.Number, p.Kind, p.Responsibility!.HandlerId, p.Responsibility.SectionId, c.Description, c.DueOn })
            .ToListAsync(cancellationToken);
        var ids = promises.Select(p => p.Id).Distinct().ToList();
        var sent = (await db.DeadlineNoticesSent.AsNoTracking()
                .Where(n => ids.Contains(n.ProposalId) && n.Threshold == DeadlineThreshold.CommitmentDueSoon)
                .Select(n => new { n.ProposalId, n.Deadline }).ToListAsync(cancellationToken))
            .Select(n => (n.ProposalId, n.Deadline)).ToHashSet();
        var crossed = new List<(int Id, int Section, int Handler)>();
        foreach (var due in promises.GroupBy(p => (p.Id, p.DueOn)).Where(g => !sent.Contains(g.Key)))
        {
            var first = due.First();
            var days = due.Key.DueOn.DayNumber - today.DayNumber;
            var text = $"{Proposal.DesignationOf(first.Session, first.Number, first.Kind)}承诺的落实事项将于{ChineseDate.Format(due.Key.DueOn)}到期（"
                + (days == 0 ? "今日到期" : $"剩{days}天") + "）：" + string.Join("；", due.Select(c => c.Description)) + "。请跟进落实。";
            db.DeadlineNoticesSent.Add(new DeadlineNoticeSent(first.Id, DeadlineThreshold.CommitmentDueSoon, due.Key.DueOn, clock.Now));
            db.Notices.Add(new Notice(first.HandlerId, first.Id, NoticeKind.CommitmentDue, text.Length <= 1000 ? text : text[..999] + "…", clock.Now));
            crossed.Add((first.Id, first.SectionId, first.HandlerId));
        }

        return crossed;
    }

    // Even without a crossing, every open board counts its days left and over afresh after midnight.
    private async Task AnnounceNewDayAsync(DateOnly today, IEnumerable<int> sections)
    {
        if (_lastDay == today)
        {
            return;
        }

        _lastDay = today;
        await notifier.PublishAsync(new SupervisionChange(SupervisionChangeKind.NewDay, [], sections.Distinct().ToList(), clock.Now,
            $"{ChineseDate.Format(today)}：按新的一天重新计算", []), CancellationToken.None);
    }
}

/// <summary>
/// Runs the <see cref="DeadlineScanner"/> at start and at every midnight in the bureau's time zone, on the portal's
/// <see cref="TimeProvider"/> (so tests move time with a FakeTimeProvider). With several nodes only the node holding the
/// jobs' lock scans; a node that takes the lock over scans at once, catching up a midnight its predecessor missed
/// (what was sent is recorded, so nothing is sent twice).
/// </summary>
public sealed class DeadlineMonitor(
    DeadlineScanner scanner,
    PortalClock clock,
    ProposalPortal.Features.Nodes.IJobLeadership leadership,
    IOptionsMonitor<SupervisionOptions> options,
    ILogger<DeadlineMonitor> logger) : BackgroundService
{
    private int _scans;

    private long _nextScanTicks;

    /// <summary>Scans finished since start, successful or not: tests wait on it.</summary>
    public int ScansCompleted => Volatile.Read(ref _scans);

    /// <summary>
    /// When the monitor wakes for its next scan (UTC), while it sleeps; null while it scans. Tests show that moving the
    /// clock to just before it scans nothing, from the wake-up time rather than by waiting.
    /// </summary>
    public DateTimeOffset? NextScanAt => Volatile.Read(ref _nextScanTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.DeadlineMonitorEnabled)
        {
            return;
        }

        // Let start-up (migrations, demo data) finish before the first scan.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leadership.WaitUntilLeaderAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var succeeded = await ScanOnceAsync(stoppingToken);
            try
            {
                // A failed scan (the database busy or not yet migrated) is retried soon rather than tomorrow.
                var wait = succeeded ? UntilNextMidnight() : RetryAfterFailure;
                var wakeAt = clock.Now + wait;
                // Published once the timer exists, so that whoever reads it and moves the clock moves this timer too.
                var sleep = Task.Delay(wait, clock.TimeProvider, stoppingToken);
                Volatile.Write(ref _nextScanTicks, wakeAt.UtcTicks);
                await sleep;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Volatile.Write(ref _nextScanTicks, 0);
        }
    }

    /// <summary>From now to the next local midnight (at least a moment, so a scan at 00:00 is not repeated).</summary>
    internal TimeSpan UntilNextMidnight()
    {
        var local = clock.LocalNow;
        var midnight = new DateTimeOffset(local.Date.AddDays(1), clock.Zone.GetUtcOffset(local.Date.AddDays(1)));
        var wait = midnight - local;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private async Task<bool> ScanOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var count = await scanner.ScanAsync(stoppingToken);
            if (count > 0 && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Deadline monitor sent {Count} notices for {Today}", count, clock.Today);
            }

            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return true;
        }
#pragma warning disable CA1031 // A failed scan (database busy) must not stop tomorrow's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Deadline monitor scan failed");
            return false;
        }
        finally
        {
            Interlocked.Increment(ref _scans);
        }
    }
}
