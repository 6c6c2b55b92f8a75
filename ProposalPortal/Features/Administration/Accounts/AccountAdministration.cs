using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Account;
using static ProposalPortal.Features.Administration.AdminChecks;

namespace ProposalPortal.Features.Administration.Accounts;

/// <summary>
/// The Admin's sign-in accounts: creation, password resets and unlocking. Every call takes the acting
/// <see cref="Actor"/> and is refused unless they are 系统管理员; a refused call says why in Chinese and saves nothing.
/// Every change is saved together with its record in <see cref="AdminAuditLog"/>; a password reset also closes the
/// person's live connections (<see cref="IStaffConnections"/>).
/// </summary>
public sealed class AccountAdministration(
    IServiceScopeFactory scopes,
    PortalClock clock,
    IStaffConnections connections,
    AdminAuditLog audit,
    SignInThrottle throttle)
{
    /// <summary>Creates the sign-in account of a person; the initial password must be changed at the first sign-in.</summary>
    public async Task<Result> CreateAccountAsync(Actor actor, int staffId, string userName, string initialPassword, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "创建账号") is { } refused)
        {
            return Result.Refused(refused);
        }

        if (string.IsNullOrWhiteSpace(userName))
        {
            return Result.Refused("请填写用户名");
        }

        if (string.IsNullOrEmpty(initialPassword))
        {
            return Result.Refused("请填写初始密码");
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Identity(scope);
        var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null || !member.IsActive)
        {
            return Result.Refused(member is null ? "该人员不存在" : $"{member.Name}已停用，不能创建账号");
        }

        if (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.StaffMemberId == staffId, cancellationToken) is { } existing)
        {
            return Result.Refused($"{member.Name}已有账号（{existing.UserName}）");
        }

        var user = new PortalUser { UserName = userName.Trim(), StaffMemberId = staffId, MustChangePassword = true };
        // Saved by the user store's own SaveChanges, with the account, or not at all when the account is refused.
        audit.Add(db, actor, AdminActions.CreateAccount, Person(member), "无账号", $"账号：{user.UserName}；首次登录须修改密码");
        return Outcome(await users.CreateAsync(user, initialPassword));
    }

    /// <summary>Sets a new password that the person must change at the next sign-in; open sessions end at their next check.</summary>
    public async Task<Result> ResetPasswordAsync(Actor actor, int staffId, string newPassword, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "重置密码") is { } refused)
        {
            return Result.Refused(refused);
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            return Result.Refused("请填写新密码");
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Identity(scope);
        var (user, error) = await ActiveAccountAsync(db, staffId, "重置密码", cancellationToken);
        if (user is null)
        {
            return Result.Refused(error!);
        }

        // Saved together with the new password hash, or not at all when the password is refused. The password itself
        // is never recorded.
        audit.Add(db, actor, AdminActions.ResetPassword, await AccountAsync(db, user, cancellationToken),
            $"下次登录须修改密码：{(user.MustChangePassword ? "是" : "否")}", "密码已由管理员重置；下次登录须修改密码：是");
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (reset.Succeeded)
        {
            connections.CloseAll(staffId); // until the new password is changed, the account may do nothing else
        }

        return Outcome(reset);
    }

    /// <summary>
    /// Ends a lockout after repeated wrong passwords: Identity's, and the sign-in throttle's counts for the account from
    /// every address, so its owner can sign in at once from anywhere.
    /// </summary>
    public async Task<Result> UnlockAccountAsync(Actor actor, int staffId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "解锁账号") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Identity(scope);
        var (user, error) = await ActiveAccountAsync(db, staffId, "解锁", cancellationToken);
        if (user is null)
        {
            return Result.Refused(error!);
        }

        var lockedUntil = user.LockoutEnd is { } end && end > clock.Now ? end : (DateTimeOffset?)null;
        var held = throttle.IsHeld(user.UserName!);
        if (lockedUntil is null && !held)
        {
            return Result.Refused($"账号{user.UserName}当前未被锁定");
        }

        var before = lockedUntil is { } until
            ? $"锁定至{ChineseDate.Format(clock.LocalDate(until))} {TimeZoneInfo.ConvertTime(until, clock.Zone):HH:mm}；连续输错密码{user.AccessFailedCount}次"
            : "输错密码次数过多，暂停登录";
        audit.Add(db, actor, AdminActions.Unlock, await AccountAsync(db, user, cancellationToken), before, "未锁定");
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var outcome = Outcome(await users.UpdateAsync(user));
        if (outcome.IsOk)
        {
            throttle.ClearAccount(user.UserName!);
        }

        return outcome;
    }

    private static async Task<string> AccountAsync(PortalDbContext db, PortalUser user, CancellationToken cancellationToken)
    {
        var name = await db.Staff.AsNoTracking().Where(s => s.Id == user.StaffMemberId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        return $"账号 {user.UserName}（{name}）";
    }

    /// <summary>
    /// UserManager and its context from a fresh scope: a Blazor circuit's own scope lives for hours, and its tracked
    /// accounts would go stale (and fail Identity's concurrency check) after any sign-in attempt elsewhere.
    /// </summary>
    private static (UserManager<PortalUser> Users, PortalDbContext Db) Identity(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>(), scope.ServiceProvider.GetRequiredService<PortalDbContext>());

    private static async Task<(PortalUser? User, string? Error)> ActiveAccountAsync(PortalDbContext db, int staffId, string action, CancellationToken cancellationToken)
    {
        var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null)
        {
            return (null, "该人员不存在");
        }

        if (!member.IsActive)
        {
            return (null, $"{member.Name}已停用，不能{action}");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.StaffMemberId == staffId, cancellationToken);
        return user is null ? (null, $"{member.Name}尚无账号") : (user, null);
    }

    private static Result Outcome(IdentityResult result) =>
        result.Succeeded ? Result.Ok : Result.Refused(string.Join("；", result.Errors.Select(e => e.Description)));
}
