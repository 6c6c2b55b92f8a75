using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Administration.Audit;

/// <summary>What the 管理操作记录 page asks for; every part is optional. Dates are whole days in the bureau's zone.</summary>
public sealed record AdminAuditFilter(string? Actor = null, string? Action = null, DateOnly? From = null, DateOnly? To = null, string? Target = null);

/// <summary>One page of records, newest first, and how many match in all.</summary>
public sealed record AdminAuditPage(IReadOnlyList<AdminAuditEntry> Entries, int Total);

/// <summary>
/// The record of the administrators' own actions. <see cref="Add"/> puts an entry into the caller's unit of work, so
/// the action and its record are saved together or not at all; <see cref="RecordAsync(Actor, string, string, string?, string?, CancellationToken)"/>
/// saves one on its own, for actions outside the database (a certificate upload, a backup, a restore).
/// </summary>
public sealed class AdminAuditLog(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock)
{
    /// <summary>The name on records written by the command line (backup, restore), where nobody is signed in.</summary>
    public const string CommandLineActor = "命令行";

    public const int PageSize = 200;

    /// <summary>Adds the record to <paramref name="db"/>; it is saved (and sealed) with the caller's SaveChanges.</summary>
    public AdminAuditEntry Add(PortalDbContext db, Actor actor, string action, string target, string? before, string? after)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new AdminAuditEntry(clock.Now, actor.StaffId == 0 ? null : actor.StaffId, actor.Name, action, target, before, after);
        db.AdminAuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Records an action that was not itself a database change, once it has succeeded.</summary>
    public Task RecordAsync(Actor actor, string action, string target, string? before, string? after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return SaveAsync(new AdminAuditEntry(clock.Now, actor.StaffId == 0 ? null : actor.StaffId, actor.Name, action, target, before, after), cancellationToken);
    }

    /// <summary>Records an action taken outside any sign-in, e.g. <c>ProposalPortal backup</c>: pass <see cref="CommandLineActor"/>.</summary>
    public Task RecordAsync(string actorName, string action, string target, string? before, string? after, CancellationToken cancellationToken = default) =>
        SaveAsync(new AdminAuditEntry(clock.Now, null, actorName, action, target, before, after), cancellationToken);

    /// <summary>The records matching <paramref name="filter"/>, newest first; only administrators may look.</summary>
    public async Task<Result<AdminAuditPage>> SearchAsync(Actor actor, AdminAuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        if (!actor.Has(StaffRoles.Admin))
        {
            return Result.Refused("只有系统管理员可以查看管理操作记录");
        }

        if (filter.From is { } f && filter.To is { } t && f > t)
        {
            return Result.Refused("起始日期不能晚于截止日期");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AdminAuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var name = filter.Actor.Trim();
            query = query.Where(e => e.ActorName.Contains(name));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Target))
        {
            var target = filter.Target.Trim();
            query = query.Where(e => e.Target.Contains(target) || (e.Before != null && e.Before.Contains(target)) || (e.After != null && e.After.Contains(target)));
        }

        if (filter.From is { } from)
        {
            var start = StartOf(from, clock.Zone);
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartOf(to.AddDays(1), clock.Zone);
            query = query.Where(e => e.At < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
        return Result<AdminAuditPage>.Ok(new AdminAuditPage(entries, total));
    }

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task SaveAsync(AdminAuditEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AdminAuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }
}
