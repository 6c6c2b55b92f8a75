using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Publication;

namespace ProposalPortal.Features.Notices;

/// <summary>
/// The outbox of the notices' channels, in the database. A notice is written with its step (the bell); afterwards this
/// turns it into the messages its recipient chose (<see cref="RelayAsync"/>), collects the daily digests
/// (<see cref="DigestAsync"/>) and sends what is due (<see cref="SendDueAsync"/>), retrying a failed message with
/// backoff and at last leaving it to the administrator. Nothing here runs inside a step: a mail server or robot that is
/// down delays a message, never a step. Run by <see cref="NoticeOutboxWorker"/> on the one node that runs the jobs.
/// </summary>
public sealed class NoticeOutbox(
    IDbContextFactory<PortalDbContext> dbFactory,
    PortalClock clock,
    IOptionsMonitor<NoticeOptions> options,
    IOptionsMonitor<PublicOptions> publicOptions,
    IEmailSender email,
    IGroupRobotSender robots,
    ILogger<NoticeOutbox> logger)
{
    private const int Batch = 200;

    /// <summary>One pass: relay new notices, collect digests that are due, send what is due.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await RelayAsync(cancellationToken);
        await DigestAsync(cancellationToken);
        await SendDueAsync(cancellationToken);
    }

    /// <summary>
    /// Turns the notices not yet relayed into messages: an email for those who want each notice by email, a post to the
    /// item's section group robot for those who chose it. Returns how many messages it queued.
    /// </summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var notices = await db.Notices.Where(n => n.RelayedAt == null).OrderBy(n => n.Id).Take(Batch).ToListAsync(cancellationToken);
        if (notices.Count == 0)
        {
            return 0;
        }

        var recipientIds = notices.Select(n => n.RecipientId).Distinct().ToList();
        var preferences = await db.NoticePreferences.AsNoTracking().Where(p => recipientIds.Contains(p.StaffId))
            .ToDictionaryAsync(p => p.StaffId, cancellationToken);
        var people = await db.Staff.AsNoTracking().Where(s => recipientIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (s.Name, s.SectionId), cancellationToken);
        var itemIds = notices.Select(n => n.ProposalId).Distinct().ToList();
        var items = (await db.Proposals.AsNoTracking().Where(p => itemIds.Contains(p.Id))
                .Select(p => new { p.Id, p.Session, p.Number, p.Kind, p.Title, SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId })
                .ToListAsync(cancellationToken))
            .ToDictionary(p => p.Id, p => new Item(p.Id, Proposal.DesignationOf(p.Session, p.Number, p.Kind), p.Title, p.SectionId));
        var robotsBySection = await db.Sections.AsNoTracking().Where(s => s.RobotWebhookUrl != null)
            .ToDictionaryAsync(s => s.Id, s => s.RobotWebhookUrl!, cancellationToken);

        var now = clock.Now;
        var queued = 0;
        foreach (var notice in notices)
        {
            notice.MarkRelayed(now);
            if (!preferences.TryGetValue(notice.RecipientId, out var chosen) || !items.TryGetValue(notice.ProposalId, out var item))
            {
                continue;
            }

            var (name, ownSection) = people.GetValueOrDefault(notice.RecipientId, ("", null));
            if (chosen is { EmailMode: EmailMode.EachNotice, Email: { } address })
            {
                db.NoticeDeliveries.Add(new NoticeDelivery(notice.RecipientId, notice.Id, DeliveryChannel.Email, address,
                    $"【建议提案】{notice.Kind.ToChinese()}：{item.Designation}", EmailBody(name, [notice], items), now));
                queued++;
            }

            // The group of the item's section (a leader's notice goes where the item is handled); else the person's own.
            if (chosen.GroupRobot && (item.SectionId ?? ownSection) is { } section && robotsBySection.TryGetValue(section, out var webhook)
                && GroupRobot.KindOf(webhook) is { } robot)
            {
                db.NoticeDeliveries.Add(new NoticeDelivery(notice.RecipientId, notice.Id, robot, webhook,
                    $"{notice.Kind.ToChinese()}：{item.Designation}", RobotText(name, notice.Kind, item), now));
                queued++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    /// <summary>
    /// At <see cref="NoticeOptions.DigestHour"/> each day, one email per person who chose the daily digest, collecting
    /// their notices since the last one (none, no email). Returns how many digests it queued.
    /// </summary>
    public async Task<int> DigestAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.Now;
        var dueSince = LatestDigestTime();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.NoticePreferences
            .Where(p => p.EmailMode == EmailMode.DailyDigest && p.Email != null && (p.DigestedUntil == null || p.DigestedUntil < dueSince))
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var person in due)
        {
            var from = person.DigestedUntil ?? DateTimeOffset.MinValue;
            var notices = await db.Notices.AsNoTracking()
                .Where(n => n.RecipientId == person.StaffId && n.CreatedAt > from && n.CreatedAt <= now)
                .OrderBy(n => n.Id).ToListAsync(cancellationToken);
            person.Digested(now);
            if (notices.Count == 0)
            {
                continue;
            }

            var itemIds = notices.Select(n => n.ProposalId).Distinct().ToList();
            var items = (await db.Proposals.AsNoTracking().Where(p => itemIds.Contains(p.Id))
                    .Select(p => new { p.Id, p.Session, p.Number, p.Kind, p.Title }).ToListAsync(cancellationToken))
                .ToDictionary(p => p.Id, p => new Item(p.Id, Proposal.DesignationOf(p.Session, p.Number, p.Kind), p.Title, null));
            var name = await db.Staff.AsNoTracking().Where(s => s.Id == person.StaffId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
            db.NoticeDeliveries.Add(new NoticeDelivery(person.StaffId, null, DeliveryChannel.Email, person.Email!,
                $"【建议提案】每日提醒汇总：{ChineseDate.Format(clock.Today)}，共{notices.Count}条", EmailBody(name, notices, items), now));
            queued++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    /// <summary>Sends the messages that are due; a failure is recorded with its error and retried later. Returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.Now;
        var due = await db.NoticeDeliveries.Where(d => d.NextAttemptAt != null && d.NextAttemptAt <= now)
            .OrderBy(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
        var sent = 0;
        var settings = options.CurrentValue;
        foreach (var delivery in due)
        {
            try
            {
                if (delivery.Channel == DeliveryChannel.Email)
                {
                    await email.SendAsync(delivery.Target, delivery.Subject, delivery.Body, cancellationToken);
                }
                else
                {
                    await robots.SendAsync(delivery.Channel, delivery.Target, delivery.Body, cancellationToken);
                }

                delivery.Sent(clock.Now);
                sent++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Whatever a channel throws is that message's failure: recorded, retried, shown; never the next message's.
            catch (Exception e)
#pragma warning restore CA1031
            {
                delivery.Failed(e.Message, clock.Now, TimeSpan.FromSeconds(settings.FirstRetrySeconds), settings.MaxAttempts);
                logger.LogWarning("Notice delivery {Id} by {Channel} failed (attempt {Attempt}): {Error}", delivery.Id, delivery.Channel,
                    delivery.Attempts, e.Message);
            }

            // Saved one by one: a message sent is never sent again because a later one failed the save.
            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }

    /// <summary>When the worker has something to do next without being woken: the next retry or the next digest.</summary>
    public async Task<DateTimeOffset> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retry = await db.NoticeDeliveries.Where(d => d.NextAttemptAt != null).OrderBy(d => d.NextAttemptAt)
            .Select(d => d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        var digest = LatestDigestTime().AddDays(1);
        return retry is { } r && r < digest ? r : digest;
    }

    /// <summary>The latest digest time at or before now: today's digest hour, or yesterday's before it.</summary>
    private DateTimeOffset LatestDigestTime()
    {
        var local = clock.LocalNow;
        var hour = Math.Clamp(options.CurrentValue.DigestHour, 0, 23);
        var today = local.Date.AddHours(hour);
        var at = local.DateTime >= today ? today : today.AddDays(-1);
        return new DateTimeOffset(at, clock.Zone.GetUtcOffset(at)).ToUniversalTime();
    }

    private string ItemLink(int proposalId) =>
        $"{publicOptions.CurrentValue.BaseUrl.TrimEnd('/')}/proposals/{proposalId.ToString(CultureInfo.InvariantCulture)}";

    // The email is the person's own: the notice's whole text (a chase's message, a send-back's comment) and a link per item.
    private string EmailBody(string name, IReadOnlyList<Notice> notices, IReadOnlyDictionary<int, Item> items)
    {
        var body = new StringBuilder();
        body.Append(name).Append("：\n\n");
        foreach (var notice in notices)
        {
            var at = TimeZoneInfo.ConvertTime(notice.CreatedAt, clock.Zone);
            body.Append('【').Append(notice.Kind.ToChinese()).Append('】').Append(notice.Text).Append('\n')
                .Append('（').Append(ChineseDate.Format(DateOnly.FromDateTime(at.DateTime))).Append(' ')
                .Append(at.ToString("HH:mm", CultureInfo.InvariantCulture)).Append("）\n");
            if (items.ContainsKey(notice.ProposalId))
            {
                body.Append("查看该件：").Append(ItemLink(notice.ProposalId)).Append('\n');
            }

            body.Append('\n');
        }

        body.Append("此邮件由建议提案办理门户自动发送，请勿回复。更改提醒方式请登录门户，在“通知”页点“提醒方式设置”。\n");
        return body.ToString();
    }

    // A group sees the robot's message: no free text (a chase or send-back comment may quote a proposer's phone), only
    // who, which item and what is expected, with the link (which asks for sign-in).
    private string RobotText(string name, NoticeKind kind, Item item)
    {
        var what = kind switch
        {
            NoticeKind.Assigned => "已交由您办理。",
            NoticeKind.SentBack => "的答复稿被退回，请登录门户查看退回意见。",
            NoticeKind.AwaitingReview => "的答复稿待您审核。",
            NoticeKind.AwaitingSignOff => "的答复稿待您签发。",
            NoticeKind.Chase => "被催办，请登录门户查看催办意见并尽快办理。",
            NoticeKind.DueSoon => "临近办理时限，请抓紧办理。",
            NoticeKind.Overdue => "已超过办理时限，请尽快办理。",
            NoticeKind.Unsatisfied => "的答复被评价为不满意。",
            NoticeKind.CommitmentDue => "承诺的落实事项即将到期，请跟进落实。",
            _ => "有新的提醒。",
        };
        return $"【{kind.ToChinese()}】{name}：{item.Designation}《{item.Title}》{what}\n{ItemLink(item.Id)}";
    }

    private sealed record Item(int Id, string Designation, string Title, int? SectionId);
}
