using Microsoft.AspNetCore.Identity;
using ProposalPortal.Features.Account;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Administration;

/// <summary>The Admin's sign-in accounts: creation, password resets, unlocking, in a <see cref="Scenario"/> of an empty portal.</summary>
public sealed class AccountAdministrationTests : AdministrationTestBase
{
    [Fact]
    public async Task ANonAdminIsRefusedAndNothingChanges()
    {
        await AssertANonAdminIsRefusedAndNothingChangesAsync(async yangYi =>
        [
            (await Accounts.CreateAccountAsync(Office, yangYi, "newyang", "Initial@2026")).Error,
            (await Accounts.ResetPasswordAsync(Office, yangYi, "Changed@2026")).Error,
        ]);
    }

    [Fact]
    public async Task ANewAccountMustChangeItsPasswordAndSignsInWithTheInitialOne()
    {
        var id = await NewSectionStaffAsync("新人");

        var result = await Accounts.CreateAccountAsync(Admin, id, "xinren", "Initial@2026");

        Assert.True(result.IsOk, result.Error);
        var users = Portal.Scoped<UserManager<PortalUser>>();
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

        var result = await Accounts.CreateAccountAsync(Admin, id, "xinren", "short");

        Assert.Contains("密码至少8位", result.Error);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AResetPasswordWorksAndMustBeChanged()
    {
        var result = await Accounts.ResetPasswordAsync(Admin, Handler.StaffId, "Reset@2026x");

        Assert.True(result.IsOk, result.Error);
        var users = Portal.Scoped<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync(HandlerUserName))!;
        Assert.True(user.MustChangePassword);
        Assert.True(await users.CheckPasswordAsync(user, "Reset@2026x"));
        Assert.False(await users.CheckPasswordAsync(user, HandlerPassword));
    }

    [Fact]
    public async Task UnlockingEndsALockout()
    {
        var lvqi = Handler.StaffId;
        var users = Portal.Scoped<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync(HandlerUserName))!;
        await users.SetLockoutEndDateAsync(user, Portal.Clock.Now.AddMinutes(15));
        Assert.True((await StaffAdmin.StaffAsync(Admin)).Value!.Single(s => s.Id == lvqi).IsLockedOut);

        var result = await Accounts.UnlockAccountAsync(Admin, lvqi);

        Assert.True(result.IsOk, result.Error);
        Assert.False((await StaffAdmin.StaffAsync(Admin)).Value!.Single(s => s.Id == lvqi).IsLockedOut);
        Assert.Equal($"账号{HandlerUserName}当前未被锁定", (await Accounts.UnlockAccountAsync(Admin, lvqi)).Error);
    }
}
