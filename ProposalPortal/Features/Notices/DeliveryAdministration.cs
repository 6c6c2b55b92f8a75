using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using static ProposalPortal.Features.Administration.AdminChecks;

namespace ProposalPortal.Features.Notices;

/// <summary>A message that failed, as the administrator's list shows it.</summary>
public sealed record FailedDelivery(long Id, string RecipientName, DeliveryChannel Channel, string Subject, int Attempts,
    string Error, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, bool GaveUp);

/// <summary>
/// The administrator's view of the outbox: the messages whose last attempt failed (still being retried, or given up),
/// with the error, and 重试. Only 系统管理员; a refusal says why and changes nothing.
/// </summary>
public sealed class DeliveryAdministration(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock, NoticeOutboxSignal signal)
{
    public async Task<Result<IReadOnlyList<FailedDelivery>>> FailedAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看发送失败的提醒") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var failed = await db.NoticeDeliveries.AsNoTracking().Where(d => d.SentAt == null && d.LastError != null)
            .OrderByDescending(d => d.Id).Take(500).ToListAsync(cancellationToken);
        var ids = failed.Select(d => d.RecipientId).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        IReadOnlyList<FailedDelivery> rows =
        [
            .. failed.Select(d => new FailedDelivery(d.Id, names.GetValueOrDefault(d.RecipientId) ?? "", d.Channel, d.Subject, d.Attempts,
                d.LastError!, d.CreatedAt, d.NextAttemptAt, d.GaveUpAt is not null)),
        ];
        return Result<IReadOnlyList<FailedDelivery>>.Ok(rows);
    }

    /// <summary>Tries a failed message again now, with a fresh round of attempts, and wakes the worker.</summary>
    public async Task<Result> RetryAsync(Actor actor, long deliveryId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "重试发送提醒") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.NoticeDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null)
        {
            return Result.Refused("该条提醒不存在");
        }

        if (delivery.IsSent)
        {
            return Result.Refused("该条提醒已发送成功，无需重试");
        }

        delivery.Retry(clock.Now);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return Result.Ok;
    }
}

public static class DeliveryChannels
{
    public static string ToChinese(this DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Email => "电子邮件",
        DeliveryChannel.WeCom => "企业微信群机器人",
        DeliveryChannel.DingTalk => "钉钉群机器人",
        _ => channel.ToString(),
    };
}
