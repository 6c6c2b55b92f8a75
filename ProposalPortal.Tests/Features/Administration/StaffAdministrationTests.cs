using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Features.Administration.Staff;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Administration;

/// <summary>The Admin's people: roles, sections, deactivation, in a <see cref="Scenario"/> of an empty portal.</summary>
public sealed class StaffAdministrationTests : AdministrationTestBase
{
    [Fact]
    public async Task ANonAdminIsRefusedAndNothingChanges()
    {
        await AssertANonAdminIsRefusedAndNothingChangesAsync(async yangYi =>
        [
            (await StaffAdmin.AddStaffAsync(Office, new StaffInput("新人", null, null, StaffRoles.Office, null))).Error,
            (await StaffAdmin.ChangeRolesAsync(Office, yangYi, StaffRoles.Admin, null)).Error,
            (await StaffAdmin.DeactivateAsync(Office, yangYi)).Error,
            (await StaffAdmin.StaffAsync(Office)).Error,
        ]);
    }

    [Fact]
    public async Task SectionStaffWithoutASectionIsRefused()
    {
        var before = await CountsAsync();

        var result = await StaffAdmin.AddStaffAsync(Admin, new StaffInput("新人", "科员", null, StaffRoles.SectionStaff, null));

        Assert.False(result.IsOk);
        Assert.Equal("科室人员须选择所在科室", result.Error);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task MovingSectionStaffOutOfEverySectionIsRefused()
    {
        var id = await NewSectionStaffAsync("新人");

        var result = await StaffAdmin.ChangeRolesAsync(Admin, id, StaffRoles.SectionStaff, null);

        Assert.Equal("科室人员须选择所在科室", result.Error);
        await using var db = Portal.Db();
        Assert.Equal(PlanningSectionId, (await db.Staff.SingleAsync(s => s.Id == id)).SectionId);
    }

    [Fact]
    public async Task TheLastAdministratorCannotBeRemoved()
    {
        var result = await StaffAdmin.ChangeRolesAsync(Admin, Admin.StaffId, StaffRoles.Office, null);

        Assert.Equal($"{Admin.Name}是唯一的系统管理员，系统中至少须保留一名在职的系统管理员", result.Error);
        Assert.Equal("不能停用自己", (await StaffAdmin.DeactivateAsync(Admin, Admin.StaffId)).Error);
    }

    [Fact]
    public async Task ADeactivatedPersonsAccountIsLocked()
    {
        var handler = Handler;

        var result = await StaffAdmin.DeactivateAsync(Admin, handler.StaffId);

        Assert.True(result.IsOk, result.Error);
        var row = (await StaffAdmin.StaffAsync(Admin)).Value!.Single(s => s.Id == handler.StaffId);
        Assert.False(row.IsActive);
        Assert.True(row.IsLockedOut);
        Assert.Equal($"{handler.Name}已停用，不能解锁", (await Accounts.UnlockAccountAsync(Admin, handler.StaffId)).Error);
    }
}
