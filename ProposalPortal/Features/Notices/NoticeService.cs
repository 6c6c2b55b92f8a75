using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Notices;

/// <summary>The signed-in person's notices (催办, 临期, 超期): the bell's count and list.</summary>
public sealed class NoticeService(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock)
{
    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notices.CountAsync(n => n.RecipientId == actor.StaffId && n.ReadAt == null, cancellationToken);
    }

    /// <summary>The newest notices first, unread before read.</summary>
    public async Task<IReadOnlyList<Notice>> LatestAsync(Actor actor, int max = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notices.AsNoTracking()
            .Where(n => n.RecipientId == actor.StaffId)
            .OrderBy(n => n.ReadAt != null).ThenByDescending(n => n.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Marks one of the actor's own notices read; another person's notice is left alone.</summary>
    public async Task MarkReadAsync(Actor actor, long noticeId, CancellationToken cancellationToken = default) =>
        await OpenAsync(actor, noticeId, cancellationToken);

    /// <summary>
    /// Opens one of the actor's own notices: marks it read (once; the first reading keeps its time) and gives the item
    /// it is about. Null for a notice that is not the actor's or does not exist, which is left alone.
    /// </summary>
    public async Task<int?> OpenAsync(Actor actor, long noticeId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var notice = await db.Notices.SingleOrDefaultAsync(n => n.Id == noticeId && n.RecipientId == actor.StaffId, cancellationToken);
        if (notice is null)
        {
            return null;
        }

        if (!notice.IsRead)
        {
            notice.MarkRead(clock.Now);
            await db.SaveChangesAsync(cancellationToken);
        }

        return notice.ProposalId;
    }
}
