using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Notices;

/// <summary>What the preferences page shows: the person's choices and whether their section has a group robot.</summary>
public sealed record NoticeChoices(string? Email, EmailMode EmailMode, bool GroupRobot, string? RobotSectionName);

/// <summary>Each signed-in person's own notice channels (the bell is always on). Only ever the actor's own.</summary>
public sealed class NoticePreferencesService(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock)
{
    public async Task<NoticeChoices> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var chosen = await db.NoticePreferences.AsNoTracking().SingleOrDefaultAsync(p => p.StaffId == actor.StaffId, cancellationToken);
        var robotSection = actor.SectionId is { } section
            ? await db.Sections.AsNoTracking().Where(s => s.Id == section && s.RobotWebhookUrl != null).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new NoticeChoices(chosen?.Email, chosen?.EmailMode ?? EmailMode.Off, chosen?.GroupRobot ?? false, robotSection);
    }

    /// <summary>Saves the actor's channels; a refusal (no or a bad address for email) says why and saves nothing.</summary>
    public async Task<Result> SaveAsync(Actor actor, string? email, EmailMode mode, bool groupRobot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.StaffId == 0)
        {
            return Result.Refused("无法识别当前用户，请重新登录。");
        }

        if (!Enum.IsDefined(mode))
        {
            return Result.Refused("请选择邮件提醒方式");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var chosen = await db.NoticePreferences.SingleOrDefaultAsync(p => p.StaffId == actor.StaffId, cancellationToken);
        var isNew = chosen is null;
        chosen ??= new NoticePreferences(actor.StaffId);
        var result = chosen.Set(email, mode, groupRobot, clock.Now);
        if (!result.IsOk)
        {
            return result;
        }

        if (isNew)
        {
            db.NoticePreferences.Add(chosen);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
