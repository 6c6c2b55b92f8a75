using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Common;
using static ProposalPortal.Features.Administration.AdminChecks;

namespace ProposalPortal.Features.Administration.Staff;

/// <summary>What the Admin enters for a new person.</summary>
public sealed record StaffInput(string Name, string? Title, string? Phone, StaffRoles Roles, int? SectionId);

/// <summary>A person and their account as the administration page lists them.</summary>
public sealed record StaffRow(
    int Id,
    string Name,
    string? Title,
    string? Phone,
    StaffRoles Roles,
    int? SectionId,
    string? SectionName,
    bool IsSignOffDelegate,
    bool IsActive,
    string? UserName,
    DateTimeOffset? LockedOutUntil,
    bool MustChangePassword,
    bool HeldBySignInThrottle = false)
{
    public bool HasAccount => UserName is not null;

    /// <summary>Locked by Identity (until a time) or refused by the sign-in throttle after wrong passwords: 解锁 ends either.</summary>
    public bool IsLockedOut => LockedOutUntil is not null || HeldBySignInThrottle;
}


/// <summary>
/// The Admin's people: their roles, section, sign-off delegation and deactivation. Every call takes the acting
/// <see cref="Actor"/> and is refused unless they are 系统管理员; a refused call says why in Chinese and saves nothing.
/// Every change is saved together with its record in <see cref="AdminAuditLog"/>; a change of roles or a deactivation
/// also closes the person's live connections (<see cref="Account.IStaffConnections"/>).
/// </summary>
public sealed class StaffAdministration(
    IDbContextFactory<PortalDbContext> dbFactory,
    PortalClock clock,
    Account.IStaffConnections connections,
    AdminAuditLog audit,
    Account.SignInThrottle throttle)
{
    private const int PhoneMaxLength = 30;

    /// <summary>Everyone, active people first, with their section and account state.</summary>
    public async Task<Result<IReadOnlyList<StaffRow>>> StaffAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看人员与账号") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToListAsync(cancellationToken);
        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var accounts = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.StaffMemberId, cancellationToken);
        var now = clock.Now;
        IReadOnlyList<StaffRow> rows =
        [
            .. staff.OrderByDescending(s => s.IsActive).ThenBy(s => s.Id).Select(s =>
            {
                var account = accounts.GetValueOrDefault(s.Id);
                var lockedUntil = account is { LockoutEnabled: true, LockoutEnd: { } end } && end > now ? end : (DateTimeOffset?)null;
                return new StaffRow(
                    s.Id, s.Name, s.Title, s.Phone, s.Roles, s.SectionId,
                    s.SectionId is { } sec ? sections.GetValueOrDefault(sec) : null,
                    s.IsSignOffDelegate, s.IsActive, account?.UserName, lockedUntil, account?.MustChangePassword ?? false,
                    account?.UserName is { } userName && throttle.IsHeld(userName));
            }),
        ];
        return Result<IReadOnlyList<StaffRow>>.Ok(rows);
    }

    /// <summary>Adds a person. Section staff (科室人员) must belong to a section.</summary>
    public async Task<Result<int>> AddStaffAsync(Actor actor, StaffInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Refuse(actor, "新增人员") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var error = CheckText(input.Name, "姓名", required: true, NameMaxLength)
            ?? CheckText(input.Title, "职务", required: false, NameMaxLength)
            ?? CheckText(input.Phone, "电话", required: false, PhoneMaxLength)
            ?? await CheckRolesAsync(db, input.Roles, input.SectionId, cancellationToken);
        if (error is not null)
        {
            return Result.Refused(error);
        }

        var member = new StaffMember(input.Name, input.Roles, input.SectionId, Blank(input.Phone), Blank(input.Title));
        db.Staff.Add(member);
        // The new person's id exists only after the insert: the record names them, and is saved with them.
        audit.Add(db, actor, AdminActions.AddStaff, $"人员 {member.Name}", null, await DescribeAsync(db, member, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Result<int>.Ok(member.Id);
    }

    /// <summary>
    /// Changes a person's roles and section. Refused when it would leave sections without their deputy or the
    /// portal without an administrator. Losing the deputy role also ends a sign-off delegation.
    /// </summary>
    public async Task<Result> ChangeRolesAsync(Actor actor, int staffId, StaffRoles roles, int? sectionId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "修改人员的角色和科室") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null || !member.IsActive)
        {
            return Result.Refused(member is null ? "该人员不存在" : $"{member.Name}已停用，不能修改角色");
        }

        var error = await CheckRolesAsync(db, roles, sectionId, cancellationToken);
        if (error is null && member.Has(StaffRoles.DeputyDirector) && !roles.HasFlag(StaffRoles.DeputyDirector))
        {
            error = await CheckOversesNothingAsync(db, member, "取消其分管副局长角色", cancellationToken);
        }

        if (error is null && member.Has(StaffRoles.Admin) && !roles.HasFlag(StaffRoles.Admin))
        {
            error = await CheckAnotherAdminAsync(db, member, cancellationToken);
        }

        if (error is not null)
        {
            return Result.Refused(error);
        }

        var before = await DescribeAsync(db, member, cancellationToken);
        member.SetRoles(roles, sectionId);
        if (!member.Has(StaffRoles.DeputyDirector))
        {
            member.SetSignOffDelegate(false);
        }

        audit.Add(db, actor, AdminActions.ChangeRoles, Person(member), before, await DescribeAsync(db, member, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        connections.CloseAll(staffId); // live boards reconnect with the new scope
        return Result.Ok;
    }

    /// <summary>Makes a deputy director a sign-off delegate (签发代理人), who may sign off non-key replies, or ends it.</summary>
    public async Task<Result> SetSignOffDelegateAsync(Actor actor, int staffId, bool isDelegate, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "设置签发代理人") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null || !member.IsActive)
        {
            return Result.Refused(member is null ? "该人员不存在" : $"{member.Name}已停用");
        }

        if (isDelegate && !member.Has(StaffRoles.DeputyDirector))
        {
            return Result.Refused($"签发代理人须为分管副局长，{member.Name}不是分管副局长");
        }

        audit.Add(db, actor, AdminActions.SignOffDelegate, Person(member), Delegate(member.IsSignOffDelegate), Delegate(isDelegate));
        member.SetSignOffDelegate(isDelegate);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// Deactivates a person (kept for the records of past items) and locks their account, so they can neither sign in
    /// nor keep an open session past its next check.
    /// </summary>
    public async Task<Result> DeactivateAsync(Actor actor, int staffId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "停用人员") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null || !member.IsActive)
        {
            return Result.Refused(member is null ? "该人员不存在" : $"{member.Name}已停用");
        }

        if (member.Id == actor.StaffId)
        {
            return Result.Refused("不能停用自己");
        }

        var error = await CheckOversesNothingAsync(db, member, "停用", cancellationToken);
        if (error is null && member.Has(StaffRoles.Admin))
        {
            error = await CheckAnotherAdminAsync(db, member, cancellationToken);
        }

        if (error is not null)
        {
            return Result.Refused(error);
        }

        var before = await DescribeAsync(db, member, cancellationToken);
        member.Deactivate();
        member.SetSignOffDelegate(false);
        var account = await db.Users.SingleOrDefaultAsync(u => u.StaffMemberId == staffId, cancellationToken);
        audit.Add(db, actor, AdminActions.Deactivate, Person(member), before,
            await DescribeAsync(db, member, cancellationToken) + (account is null ? "" : $"；账号{account.UserName}已锁定"));
        if (account is not null)
        {
            // One save with the staff change; a new security stamp ends open sessions at their next revalidation.
            account.LockoutEnabled = true;
            account.LockoutEnd = DateTimeOffset.MaxValue;
            account.SecurityStamp = Guid.NewGuid().ToString();
            account.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        await db.SaveChangesAsync(cancellationToken);
        connections.CloseAll(staffId);
        return Result.Ok;
    }

    private static string Delegate(bool isDelegate) => $"签发代理人：{(isDelegate ? "是" : "否")}";

    /// <summary>A person's roles, section, delegation and state, as the record shows them before and after.</summary>
    private static async Task<string> DescribeAsync(PortalDbContext db, StaffMember member, CancellationToken cancellationToken)
    {
        var section = member.SectionId is { } id
            ? await db.Sections.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return $"角色：{member.Roles.ToChinese()}；科室：{section ?? "无"}；{Delegate(member.IsSignOffDelegate)}；状态：{(member.IsActive ? "在职" : "已停用")}";
    }

    private static async Task<string?> CheckRolesAsync(PortalDbContext db, StaffRoles roles, int? sectionId, CancellationToken cancellationToken)
    {
        var all = Enum.GetValues<StaffRoles>().Aggregate(StaffRoles.None, (a, r) => a | r);
        if (roles == StaffRoles.None || (roles & ~all) != 0)
        {
            return "请至少选择一个角色";
        }

        if (roles.HasFlag(StaffRoles.SectionStaff) && sectionId is null)
        {
            return "科室人员须选择所在科室";
        }

        if (sectionId is { } id && !await db.Sections.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return "所选科室不存在";
        }

        return null;
    }

    private static async Task<string?> CheckOversesNothingAsync(PortalDbContext db, StaffMember member, string action, CancellationToken cancellationToken)
    {
        var overseen = await db.Sections.AsNoTracking().Where(s => s.DeputyDirectorId == member.Id).Select(s => s.Name).ToListAsync(cancellationToken);
        return overseen.Count == 0
            ? null
            : $"{member.Name}仍分管{string.Join("、", overseen)}，请先为这些科室更换分管副局长，再{action}";
    }

    private static async Task<string?> CheckAnotherAdminAsync(PortalDbContext db, StaffMember member, CancellationToken cancellationToken)
    {
        var admins = await db.Staff.AsNoTracking().Where(s => s.IsActive && s.Id != member.Id).Select(s => s.Roles).ToListAsync(cancellationToken);
        return admins.Any(r => r.HasFlag(StaffRoles.Admin))
            ? null
            : $"{member.Name}是唯一的系统管理员，系统中至少须保留一名在职的系统管理员";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
