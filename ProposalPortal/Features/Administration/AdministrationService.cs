using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Administration;

/// <summary>The outcome of an administration call that returns something: the value, or the reason (Chinese) it was refused.</summary>
public readonly record struct AdminResult<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Builds <see cref="AdminResult{T}"/>s.</summary>
public static class AdminResult
{
    public static AdminResult<T> Ok<T>(T value) => new(value, null);

    public static AdminResult<T> Refused<T>(string reason) => new(default, reason);
}

/// <summary>What the Admin enters for a new person.</summary>
public sealed record StaffInput(string Name, string? Title, string? Phone, StaffRoles Roles, int? SectionId);

/// <summary>A section as the administration page lists it.</summary>
public sealed record SectionRow(int Id, string Name, int? DeputyDirectorId, string? DeputyName, int StaffCount);

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
    bool MustChangePassword)
{
    public bool HasAccount => UserName is not null;

    public bool IsLockedOut => LockedOutUntil is not null;
}

/// <summary>
/// The Admin's work: sections, people, sign-in accounts and the working-day calendar. Every call takes the acting
/// <see cref="Actor"/> and is refused unless they are 系统管理员; a refused call says why in Chinese and saves nothing.
/// Every change is saved together with its record in <see cref="AdminAuditLog"/> (who, when, before and after).
/// </summary>
public sealed class AdministrationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IServiceScopeFactory scopes,
    WorkflowContextFactory workflowContexts,
    PortalClock clock,
    Account.IStaffConnections connections,
    AdminAuditLog audit)
{
    private const int NameMaxLength = 50;
    private const int PhoneMaxLength = 30;

    // ---- sections --------------------------------------------------------------------------------------------

    public async Task<AdminResult<IReadOnlyList<SectionRow>>> SectionsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看科室设置") is { } refused)
        {
            return new(default, refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToListAsync(cancellationToken);
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var names = staff.ToDictionary(s => s.Id, s => s.Name);
        IReadOnlyList<SectionRow> rows =
        [
            .. sections.Select(s => new SectionRow(
                s.Id, s.Name, s.DeputyDirectorId,
                s.DeputyDirectorId is { } d ? names.GetValueOrDefault(d) : null,
                staff.Count(m => m.IsActive && m.SectionId == s.Id))),
        ];
        return AdminResult.Ok(rows);
    }

    /// <summary>Adds a section, optionally with the 分管副局长 who reviews its replies.</summary>
    public async Task<AdminResult<int>> AddSectionAsync(Actor actor, string name, int? deputyDirectorId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "新增科室") is { } refused)
        {
            return new(default, refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var error = CheckSectionName(name) ?? await CheckUniqueSectionNameAsync(db, name, null, cancellationToken);
        if (error is null && deputyDirectorId is { } deputy)
        {
            error = await CheckDeputyAsync(db, deputy, cancellationToken);
        }

        if (error is not null)
        {
            return AdminResult.Refused<int>(error);
        }

        var section = new Section(name, deputyDirectorId);
        db.Sections.Add(section);
        audit.Add(db, actor, AdminActions.AddSection, $"科室 {section.Name}", null, await DescribeSectionAsync(db, section, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Ok(section.Id);
    }

    public async Task<StepResult> RenameSectionAsync(Actor actor, int sectionId, string name, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "修改科室名称") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == sectionId, cancellationToken);
        if (section is null)
        {
            return StepResult.Refused("该科室不存在");
        }

        if ((CheckSectionName(name) ?? await CheckUniqueSectionNameAsync(db, name, sectionId, cancellationToken)) is { } error)
        {
            return StepResult.Refused(error);
        }

        var before = section.Name;
        section.Rename(name);
        audit.Add(db, actor, AdminActions.RenameSection, $"科室 {before}", $"名称：{before}", $"名称：{section.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return StepResult.Ok;
    }

    /// <summary>Sets the 分管副局长 of a section; they must be an active deputy director.</summary>
    public async Task<StepResult> SetSectionDeputyAsync(Actor actor, int sectionId, int deputyDirectorId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "设置科室的分管领导") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == sectionId, cancellationToken);
        if (section is null)
        {
            return StepResult.Refused("该科室不存在");
        }

        if (await CheckDeputyAsync(db, deputyDirectorId, cancellationToken) is { } error)
        {
            return StepResult.Refused(error);
        }

        var before = await DescribeSectionAsync(db, section, cancellationToken);
        section.AssignDeputy(deputyDirectorId);
        audit.Add(db, actor, AdminActions.SectionDeputy, $"科室 {section.Name}", before, await DescribeSectionAsync(db, section, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return StepResult.Ok;
    }

    // ---- staff -----------------------------------------------------------------------------------------------

    /// <summary>Everyone, active people first, with their section and account state.</summary>
    public async Task<AdminResult<IReadOnlyList<StaffRow>>> StaffAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看人员与账号") is { } refused)
        {
            return new(default, refused);
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
                    s.IsSignOffDelegate, s.IsActive, account?.UserName, lockedUntil, account?.MustChangePassword ?? false);
            }),
        ];
        return AdminResult.Ok(rows);
    }

    /// <summary>Adds a person. Section staff (科室人员) must belong to a section.</summary>
    public async Task<AdminResult<int>> AddStaffAsync(Actor actor, StaffInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Refuse(actor, "新增人员") is { } refused)
        {
            return new(default, refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var error = CheckText(input.Name, "姓名", required: true, NameMaxLength)
            ?? CheckText(input.Title, "职务", required: false, NameMaxLength)
            ?? CheckText(input.Phone, "电话", required: false, PhoneMaxLength)
            ?? await CheckRolesAsync(db, input.Roles, input.SectionId, cancellationToken);
        if (error is not null)
        {
            return AdminResult.Refused<int>(error);
        }

        var member = new StaffMember(input.Name, input.Roles, input.SectionId, Blank(input.Phone), Blank(input.Title));
        db.Staff.Add(member);
        // The new person's id exists only after the insert: the record names them, and is saved with them.
        audit.Add(db, actor, AdminActions.AddStaff, $"人员 {member.Name}", null, await DescribeAsync(db, member, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Ok(member.Id);
    }

    /// <summary>
    /// Changes a person's roles and section. Refused when it would leave sections without their deputy or the
    /// portal without an administrator. Losing the deputy role also ends a sign-off delegation.
    /// </summary>
    public async Task<StepResult> ChangeRolesAsync(Actor actor, int staffId, StaffRoles roles, int? sectionId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "修改人员的角色和科室") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null || !member.IsActive)
        {
            return StepResult.Refused(member is null ? "该人员不存在" : $"{member.Name}已停用,不能修改角色");
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
            return StepResult.Refused(error);
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
        return StepResult.Ok;
    }

    /// <summary>Makes a deputy director a sign-off delegate (签发代理人), who may sign off non-key replies, or ends it.</summary>
    public async Task<StepResult> SetSignOffDelegateAsync(Actor actor, int staffId, bool isDelegate, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "设置签发代理人") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null || !member.IsActive)
        {
            return StepResult.Refused(member is null ? "该人员不存在" : $"{member.Name}已停用");
        }

        if (isDelegate && !member.Has(StaffRoles.DeputyDirector))
        {
            return StepResult.Refused($"签发代理人须为分管副局长,{member.Name}不是分管副局长");
        }

        audit.Add(db, actor, AdminActions.SignOffDelegate, Person(member), Delegate(member.IsSignOffDelegate), Delegate(isDelegate));
        member.SetSignOffDelegate(isDelegate);
        await db.SaveChangesAsync(cancellationToken);
        return StepResult.Ok;
    }

    /// <summary>
    /// Deactivates a person (kept for the records of past items) and locks their account, so they can neither sign in
    /// nor keep an open session past its next check.
    /// </summary>
    public async Task<StepResult> DeactivateAsync(Actor actor, int staffId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "停用人员") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null || !member.IsActive)
        {
            return StepResult.Refused(member is null ? "该人员不存在" : $"{member.Name}已停用");
        }

        if (member.Id == actor.StaffId)
        {
            return StepResult.Refused("不能停用自己");
        }

        var error = await CheckOversesNothingAsync(db, member, "停用", cancellationToken);
        if (error is null && member.Has(StaffRoles.Admin))
        {
            error = await CheckAnotherAdminAsync(db, member, cancellationToken);
        }

        if (error is not null)
        {
            return StepResult.Refused(error);
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
        return StepResult.Ok;
    }

    // ---- accounts --------------------------------------------------------------------------------------------

    /// <summary>Creates the sign-in account of a person; the initial password must be changed at the first sign-in.</summary>
    public async Task<StepResult> CreateAccountAsync(Actor actor, int staffId, string userName, string initialPassword, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "创建账号") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        if (string.IsNullOrWhiteSpace(userName))
        {
            return StepResult.Refused("请填写用户名");
        }

        if (string.IsNullOrEmpty(initialPassword))
        {
            return StepResult.Refused("请填写初始密码");
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Identity(scope);
        var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (member is null || !member.IsActive)
        {
            return StepResult.Refused(member is null ? "该人员不存在" : $"{member.Name}已停用,不能创建账号");
        }

        if (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.StaffMemberId == staffId, cancellationToken) is { } existing)
        {
            return StepResult.Refused($"{member.Name}已有账号({existing.UserName})");
        }

        var user = new PortalUser { UserName = userName.Trim(), StaffMemberId = staffId, MustChangePassword = true };
        // Saved by the user store's own SaveChanges, with the account, or not at all when the account is refused.
        audit.Add(db, actor, AdminActions.CreateAccount, Person(member), "无账号", $"账号：{user.UserName}；首次登录须修改密码");
        return Outcome(await users.CreateAsync(user, initialPassword));
    }

    /// <summary>Sets a new password that the person must change at the next sign-in; open sessions end at their next check.</summary>
    public async Task<StepResult> ResetPasswordAsync(Actor actor, int staffId, string newPassword, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "重置密码") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            return StepResult.Refused("请填写新密码");
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Identity(scope);
        var (user, error) = await ActiveAccountAsync(db, staffId, "重置密码", cancellationToken);
        if (user is null)
        {
            return StepResult.Refused(error!);
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

    /// <summary>Ends a lockout after repeated wrong passwords.</summary>
    public async Task<StepResult> UnlockAccountAsync(Actor actor, int staffId, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "解锁账号") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Identity(scope);
        var (user, error) = await ActiveAccountAsync(db, staffId, "解锁", cancellationToken);
        if (user is null)
        {
            return StepResult.Refused(error!);
        }

        if (user.LockoutEnd is not { } end || end <= clock.Now)
        {
            return StepResult.Refused($"账号{user.UserName}当前未被锁定");
        }

        audit.Add(db, actor, AdminActions.Unlock, await AccountAsync(db, user, cancellationToken),
            $"锁定至{ChineseDate.Format(clock.LocalDate(end))} {TimeZoneInfo.ConvertTime(end, clock.Zone):HH:mm}；连续输错密码{user.AccessFailedCount}次", "未锁定");
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return Outcome(await users.UpdateAsync(user));
    }

    // ---- working-day calendar --------------------------------------------------------------------------------

    /// <summary>The entries of a year, by date; an empty list means the year's holidays have not been entered.</summary>
    public async Task<AdminResult<IReadOnlyList<CalendarDay>>> CalendarYearAsync(Actor actor, int year, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看工作日历") is { } refused)
        {
            return new(default, refused);
        }

        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IReadOnlyList<CalendarDay> days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(cancellationToken);
        return AdminResult.Ok(days);
    }

    /// <summary>The years in [<paramref name="fromYear"/>, <paramref name="toYear"/>] without any entry: there only weekends are days off.</summary>
    public async Task<AdminResult<IReadOnlyList<int>>> YearsWithoutEntriesAsync(Actor actor, int fromYear, int toYear, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看工作日历") is { } refused)
        {
            return new(default, refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var present = (await db.CalendarDays.AsNoTracking().Select(d => d.Date).ToListAsync(cancellationToken)).Select(d => d.Year).ToHashSet();
        IReadOnlyList<int> missing = [.. Enumerable.Range(fromYear, Math.Max(0, toYear - fromYear + 1)).Where(y => !present.Contains(y))];
        return AdminResult.Ok(missing);
    }

    /// <summary>Enters a holiday (放假) or a 调休 make-up working day; a date has at most one entry.</summary>
    public async Task<StepResult> AddCalendarDayAsync(Actor actor, DateOnly date, CalendarDayKind kind, string name, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "维护工作日历") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        if (CheckCalendarDay(date, kind, name) is { } error)
        {
            return StepResult.Refused(error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.CalendarDays.AsNoTracking().SingleOrDefaultAsync(d => d.Date == date, cancellationToken) is { } existing)
        {
            return StepResult.Refused(
                $"{ChineseDate.Format(date)}已登记为{KindText(existing.Kind)}({existing.Name}),不能重复登记;如需更改请修改该条目");
        }

        var day = new CalendarDay(date, kind, name.Trim());
        db.CalendarDays.Add(day);
        audit.Add(db, actor, AdminActions.CalendarAdd, CalendarTarget(date), null, DescribeDay(day));
        await db.SaveChangesAsync(cancellationToken);
        workflowContexts.InvalidateCalendar();
        return StepResult.Ok;
    }

    /// <summary>Changes the kind or name of an entry. To move it to another date, remove it and add a new one.</summary>
    public async Task<StepResult> ChangeCalendarDayAsync(Actor actor, DateOnly date, CalendarDayKind kind, string name, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "维护工作日历") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        if (CheckCalendarDay(date, kind, name) is { } error)
        {
            return StepResult.Refused(error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, cancellationToken);
        if (existing is null)
        {
            return StepResult.Refused($"{ChineseDate.Format(date)}没有登记,无法修改");
        }

        // CalendarDay is an immutable record: the tracked row takes the new values.
        var changed = new CalendarDay(date, kind, name.Trim());
        audit.Add(db, actor, AdminActions.CalendarChange, CalendarTarget(date), DescribeDay(existing), DescribeDay(changed));
        db.Entry(existing).CurrentValues.SetValues(changed);
        await db.SaveChangesAsync(cancellationToken);
        workflowContexts.InvalidateCalendar();
        return StepResult.Ok;
    }

    public async Task<StepResult> RemoveCalendarDayAsync(Actor actor, DateOnly date, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "维护工作日历") is { } refused)
        {
            return StepResult.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, cancellationToken);
        if (existing is null)
        {
            return StepResult.Refused($"{ChineseDate.Format(date)}没有登记,无需删除");
        }

        db.CalendarDays.Remove(existing);
        audit.Add(db, actor, AdminActions.CalendarRemove, CalendarTarget(date), DescribeDay(existing), null);
        await db.SaveChangesAsync(cancellationToken);
        workflowContexts.InvalidateCalendar();
        return StepResult.Ok;
    }

    /// <summary>放假 / 调休上班, as the calendar page and the refusals name the kinds.</summary>
    public static string KindText(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "放假" : "调休上班";

    public static string WeekdayText(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };

    // ---- what the record says ---------------------------------------------------------------------------------

    private static string Person(StaffMember member) => $"人员 {member.Name}（编号{member.Id}）";

    private static async Task<string> AccountAsync(PortalDbContext db, PortalUser user, CancellationToken cancellationToken)
    {
        var name = await db.Staff.AsNoTracking().Where(s => s.Id == user.StaffMemberId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        return $"账号 {user.UserName}（{name}）";
    }

    private static string Delegate(bool isDelegate) => $"签发代理人：{(isDelegate ? "是" : "否")}";

    private static string CalendarTarget(DateOnly date) => $"工作日历 {ChineseDate.Format(date)}";

    private static string DescribeDay(CalendarDay day) => $"{KindText(day.Kind)}（{day.Name}）";

    /// <summary>A person's roles, section, delegation and state, as the record shows them before and after.</summary>
    private static async Task<string> DescribeAsync(PortalDbContext db, StaffMember member, CancellationToken cancellationToken)
    {
        var section = member.SectionId is { } id
            ? await db.Sections.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return $"角色：{member.Roles.ToChinese()}；科室：{section ?? "无"}；{Delegate(member.IsSignOffDelegate)}；状态：{(member.IsActive ? "在职" : "已停用")}";
    }

    private static async Task<string> DescribeSectionAsync(PortalDbContext db, Section section, CancellationToken cancellationToken)
    {
        var deputy = section.DeputyDirectorId is { } id
            ? await db.Staff.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return $"名称：{section.Name}；分管领导：{deputy ?? "未设置"}";
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private static string? Refuse(Actor actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(StaffRoles.Admin) ? null : $"只有系统管理员可以{what}";
    }

    private static string? CheckSectionName(string? name) => CheckText(name, "科室名称", required: true, NameMaxLength);

    private static async Task<string?> CheckUniqueSectionNameAsync(PortalDbContext db, string name, int? except, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        return await db.Sections.AnyAsync(s => s.Name == trimmed && s.Id != except, cancellationToken)
            ? $"已有名为“{trimmed}”的科室"
            : null;
    }

    private static async Task<string?> CheckDeputyAsync(PortalDbContext db, int deputyId, CancellationToken cancellationToken)
    {
        var deputy = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == deputyId, cancellationToken);
        return deputy switch
        {
            null => "所选分管领导不存在",
            { IsActive: false } => $"{deputy.Name}已停用,不能分管科室",
            _ when !deputy.Has(StaffRoles.DeputyDirector) => $"分管领导须为分管副局长,{deputy.Name}不是分管副局长",
            _ => null,
        };
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
            : $"{member.Name}仍分管{string.Join("、", overseen)},请先为这些科室更换分管副局长,再{action}";
    }

    private static async Task<string?> CheckAnotherAdminAsync(PortalDbContext db, StaffMember member, CancellationToken cancellationToken)
    {
        var admins = await db.Staff.AsNoTracking().Where(s => s.IsActive && s.Id != member.Id).Select(s => s.Roles).ToListAsync(cancellationToken);
        return admins.Any(r => r.HasFlag(StaffRoles.Admin))
            ? null
            : $"{member.Name}是唯一的系统管理员,系统中至少须保留一名在职的系统管理员";
    }

    private static string? CheckText(string? value, string label, bool required, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"请填写{label}" : null;
        }

        return value.Trim().Length > maxLength ? $"{label}不能超过{maxLength}个字" : null;
    }

    private static string? CheckCalendarDay(DateOnly date, CalendarDayKind kind, string? name)
    {
        if (!Enum.IsDefined(kind))
        {
            return "请选择放假或调休上班";
        }

        if (kind == CalendarDayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            return $"调休上班日须为周六或周日,{ChineseDate.Format(date)}是{WeekdayText(date.DayOfWeek)},本来就是工作日";
        }

        return CheckText(name, "节假日名称(如 春节)", required: true, NameMaxLength);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
            return (null, $"{member.Name}已停用,不能{action}");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.StaffMemberId == staffId, cancellationToken);
        return user is null ? (null, $"{member.Name}尚无账号") : (user, null);
    }

    private static StepResult Outcome(IdentityResult result) =>
        result.Succeeded ? StepResult.Ok : StepResult.Refused(string.Join(";", result.Errors.Select(e => e.Description)));
}
