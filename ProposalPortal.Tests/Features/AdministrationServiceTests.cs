using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Administration;
using ProposalPortal.Features.Common;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

/// <summary>The Admin's sections, people, accounts and calendar, against the demo database.</summary>
public sealed class AdministrationServiceTests : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026: no holiday that week, and 2026 has no calendar entries in the demo database.</summary>
    private static readonly DateOnly AssignedOn = new(2026, 3, 2);

    private TestPortal _portal = null!;
    private Actor _admin = null!;
    private Actor _office = null!;
    private int _planningSectionId;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(demo: true);
        await using var db = _portal.Db();
        var staff = await db.Staff.AsNoTracking().ToListAsync();
        _admin = Actor.For(staff.Single(s => s.Name == "许五"), []);
        _office = Actor.For(staff.Single(s => s.Name == "尤四"), []);
        _planningSectionId = (await db.Sections.SingleAsync(s => s.Name == "发展规划科")).Id;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private AdministrationService Service => _portal.Scoped<AdministrationService>();

    private async Task<(int Sections, int Staff, int Users, int Days)> CountsAsync()
    {
        await using var db = _portal.Db();
        return (await db.Sections.CountAsync(), await db.Staff.CountAsync(), await db.Users.CountAsync(), await db.CalendarDays.CountAsync());
    }

    private async Task<int> NewSectionStaffAsync(string name)
    {
        var added = await Service.AddStaffAsync(_admin, new StaffInput(name, "科员", "138-0000-0099", StaffRoles.SectionStaff, _planningSectionId));
        Assert.True(added.Succeeded, added.Error);
        return added.Value;
    }

    [Fact]
    public async Task ANonAdminIsRefusedEverythingAndNothingChanges()
    {
        var before = await CountsAsync();
        var service = Service;
        StaffMember yangYi;
        await using (var db = _portal.Db())
        {
            yangYi = await db.Staff.AsNoTracking().SingleAsync(s => s.Name == "杨一");
        }

        var refusals = new[]
        {
            (await service.AddSectionAsync(_office, "新科室", null)).Error,
            (await service.AddStaffAsync(_office, new StaffInput("新人", null, null, StaffRoles.Office, null))).Error,
            (await service.ChangeRolesAsync(_office, yangYi.Id, StaffRoles.Admin, null)).Error,
            (await service.CreateAccountAsync(_office, yangYi.Id, "newyang", "Initial@2026")).Error,
            (await service.ResetPasswordAsync(_office, yangYi.Id, "Changed@2026")).Error,
            (await service.DeactivateAsync(_office, yangYi.Id)).Error,
            (await service.AddCalendarDayAsync(_office, AssignedOn.AddDays(2), CalendarDayKind.Holiday, "测试假日")).Error,
            (await service.RemoveCalendarDayAsync(_office, new DateOnly(2022, 2, 1))).Error,
            (await service.StaffAsync(_office)).Error,
        };

        Assert.All(refusals, error => Assert.StartsWith("只有系统管理员可以", error));
        Assert.Equal(before, await CountsAsync());
        await using var after = _portal.Db();
        var unchanged = await after.Staff.AsNoTracking().SingleAsync(s => s.Id == yangYi.Id);
        Assert.Equal(StaffRoles.Director, unchanged.Roles);
        Assert.True(unchanged.IsActive);
    }

    [Fact]
    public async Task SectionStaffWithoutASectionIsRefused()
    {
        var before = await CountsAsync();

        var result = await Service.AddStaffAsync(_admin, new StaffInput("新人", "科员", null, StaffRoles.SectionStaff, null));

        Assert.False(result.Succeeded);
        Assert.Equal("科室人员须选择所在科室", result.Error);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task MovingSectionStaffOutOfEverySectionIsRefused()
    {
        var id = await NewSectionStaffAsync("新人");

        var result = await Service.ChangeRolesAsync(_admin, id, StaffRoles.SectionStaff, null);

        Assert.Equal("科室人员须选择所在科室", result.Error);
        await using var db = _portal.Db();
        Assert.Equal(_planningSectionId, (await db.Staff.SingleAsync(s => s.Id == id)).SectionId);
    }

    [Fact]
    public async Task ASectionsDeputyMustBeADeputyDirector()
    {
        await using var db = _portal.Db();
        var office = await db.Staff.SingleAsync(s => s.Name == "尤四");
        var deputy = await db.Staff.SingleAsync(s => s.Name == "秦三");

        var refused = await Service.SetSectionDeputyAsync(_admin, _planningSectionId, office.Id);
        var accepted = await Service.SetSectionDeputyAsync(_admin, _planningSectionId, deputy.Id);

        Assert.Equal("分管领导须为分管副局长,尤四不是分管副局长", refused.Error);
        Assert.True(accepted.Succeeded, accepted.Error);
        await using var after = _portal.Db();
        Assert.Equal(deputy.Id, (await after.Sections.SingleAsync(s => s.Id == _planningSectionId)).DeputyDirectorId);
    }

    [Fact]
    public async Task ANewAccountMustChangeItsPasswordAndSignsInWithTheInitialOne()
    {
        var id = await NewSectionStaffAsync("新人");

        var result = await Service.CreateAccountAsync(_admin, id, "xinren", "Initial@2026");

        Assert.True(result.Succeeded, result.Error);
        var users = _portal.Scoped<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync("xinren");
        Assert.NotNull(user);
        Assert.Equal(id, user.StaffMemberId);
        Assert.True(user.MustChangePassword);
        Assert.True(await users.CheckPasswordAsync(user, "Initial@2026"));
        Assert.False(await users.CheckPasswordAsync(user, "Wrong@2026"));
    }

    [Fact]
    public async Task AnAccountWithAWeakPasswordIsRefusedInChineseAndNotCreated()
    {
        var id = await NewSectionStaffAsync("新人");
        var before = await CountsAsync();

        var result = await Service.CreateAccountAsync(_admin, id, "xinren", "short");

        Assert.Contains("密码至少8位", result.Error);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AResetPasswordWorksAndMustBeChanged()
    {
        await using var db = _portal.Db();
        var lvqi = await db.Staff.SingleAsync(s => s.Name == "吕七");

        var result = await Service.ResetPasswordAsync(_admin, lvqi.Id, "Reset@2026x");

        Assert.True(result.Succeeded, result.Error);
        var users = _portal.Scoped<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync("lvqi"))!;
        Assert.True(user.MustChangePassword);
        Assert.True(await users.CheckPasswordAsync(user, "Reset@2026x"));
        Assert.False(await users.CheckPasswordAsync(user, AccountSeeder.DemoPassword));
    }

    [Fact]
    public async Task UnlockingEndsALockout()
    {
        await using var db = _portal.Db();
        var lvqi = await db.Staff.SingleAsync(s => s.Name == "吕七");
        var users = _portal.Scoped<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync("lvqi"))!;
        await users.SetLockoutEndDateAsync(user, _portal.Clock.Now.AddMinutes(15));
        Assert.True((await Service.StaffAsync(_admin)).Value!.Single(s => s.Id == lvqi.Id).IsLockedOut);

        var result = await Service.UnlockAccountAsync(_admin, lvqi.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.False((await Service.StaffAsync(_admin)).Value!.Single(s => s.Id == lvqi.Id).IsLockedOut);
        Assert.Equal("账号lvqi当前未被锁定", (await Service.UnlockAccountAsync(_admin, lvqi.Id)).Error);
    }

    [Fact]
    public async Task TheLastAdministratorCannotBeRemoved()
    {
        var result = await Service.ChangeRolesAsync(_admin, _admin.StaffId, StaffRoles.Office, null);

        Assert.Equal("许五是唯一的系统管理员,系统中至少须保留一名在职的系统管理员", result.Error);
        Assert.Equal("不能停用自己", (await Service.DeactivateAsync(_admin, _admin.StaffId)).Error);
    }

    [Fact]
    public async Task ADeactivatedPersonsAccountIsLocked()
    {
        await using var db = _portal.Db();
        var lvqi = await db.Staff.SingleAsync(s => s.Name == "吕七");

        var result = await Service.DeactivateAsync(_admin, lvqi.Id);

        Assert.True(result.Succeeded, result.Error);
        var row = (await Service.StaffAsync(_admin)).Value!.Single(s => s.Id == lvqi.Id);
        Assert.False(row.IsActive);
        Assert.True(row.IsLockedOut);
        Assert.Equal("吕七已停用,不能解锁", (await Service.UnlockAccountAsync(_admin, lvqi.Id)).Error);
    }

    [Fact]
    public async Task AddingA2026HolidayMovesADeadlineComputedAfterwards()
    {
        var contexts = _portal.Get<WorkflowContextFactory>();
        var before = await contexts.DeadlinesAsync();
        Assert.False(before.Calendar.HasDataFor(2026));
        Assert.Equal(new DateOnly(2026, 3, 9), before.ReturnWindowEnd(AssignedOn).Date);

        var result = await Service.AddCalendarDayAsync(_admin, new DateOnly(2026, 3, 4), CalendarDayKind.Holiday, "测试假日");

        Assert.True(result.Succeeded, result.Error);
        var after = await contexts.DeadlinesAsync();
        Assert.True(after.Calendar.HasDataFor(2026));
        Assert.Equal(new DateOnly(2026, 3, 10), after.ReturnWindowEnd(AssignedOn).Date);
    }

    [Fact]
    public async Task RemovingAndChangingEntriesAlsoReachTheDeadlines()
    {
        var contexts = _portal.Get<WorkflowContextFactory>();
        await Service.AddCalendarDayAsync(_admin, new DateOnly(2026, 3, 4), CalendarDayKind.Holiday, "测试假日");
        Assert.Equal(new DateOnly(2026, 3, 10), (await contexts.DeadlinesAsync()).ReturnWindowEnd(AssignedOn).Date);

        // Saturday 7 March as a 调休 working day: the window closes a working day earlier again.
        Assert.True((await Service.AddCalendarDayAsync(_admin, new DateOnly(2026, 3, 7), CalendarDayKind.MakeUpWorkday, "测试假日")).Succeeded);
        Assert.Equal(new DateOnly(2026, 3, 9), (await contexts.DeadlinesAsync()).ReturnWindowEnd(AssignedOn).Date);

        Assert.True((await Service.ChangeCalendarDayAsync(_admin, new DateOnly(2026, 3, 7), CalendarDayKind.Holiday, "改为放假")).Succeeded);
        Assert.True((await Service.RemoveCalendarDayAsync(_admin, new DateOnly(2026, 3, 4))).Succeeded);
        Assert.Equal(new DateOnly(2026, 3, 9), (await contexts.DeadlinesAsync()).ReturnWindowEnd(AssignedOn).Date);
        var year = (await Service.CalendarYearAsync(_admin, 2026)).Value!;
        Assert.Equal([new CalendarDay(new DateOnly(2026, 3, 7), CalendarDayKind.Holiday, "改为放假")], year);
    }

    [Fact]
    public async Task AMakeUpWorkdayOnAWeekdayIsRefused()
    {
        var before = await CountsAsync();

        var result = await Service.AddCalendarDayAsync(_admin, new DateOnly(2026, 3, 4), CalendarDayKind.MakeUpWorkday, "测试调休");

        Assert.Equal("调休上班日须为周六或周日,2026年3月4日是星期三,本来就是工作日", result.Error);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ADateEnteredTwiceIsRefused()
    {
        var result = await Service.AddCalendarDayAsync(_admin, new DateOnly(2022, 2, 1), CalendarDayKind.Holiday, "春节");

        Assert.Equal("2022年2月1日已登记为放假(春节),不能重复登记;如需更改请修改该条目", result.Error);
    }

    [Fact]
    public async Task YearsWithoutEntriesAreReported()
    {
        var result = await Service.YearsWithoutEntriesAsync(_admin, 2021, 2027);

        Assert.Equal([2026, 2027], result.Value);
    }
}
