using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Accounts;
using ProposalPortal.Features.Administration.Calendar;
using ProposalPortal.Features.Administration.Sections;
using ProposalPortal.Features.Administration.Staff;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Administration;

/// <summary>
/// An empty portal with a <see cref="Scenario"/> (its administrator, an office member, a section and its handler, who
/// has an account), shared by the tests of the four administration areas.
/// </summary>
public abstract class AdministrationTestBase : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026: no holiday that week, and 2026 has no calendar entries in the demo database.</summary>
    protected static readonly DateOnly AssignedOn = new(2026, 3, 2);

    /// <summary>The handler's user name and initial password (<see cref="InitializeAsync"/> creates the account).</summary>
    protected const string HandlerUserName = "hanchengban";
    protected const string HandlerPassword = "Initial@2026x";

    protected TestPortal Portal { get; private set; } = null!;

    protected Scenario Scenario { get; private set; } = null!;

    /// <summary>A 科室人员 of the section, with an account.</summary>
    protected Actor Handler => Scenario.Handler;

    protected Actor Admin { get; private set; } = null!;

    protected Actor Office { get; private set; } = null!;

    protected int PlanningSectionId { get; private set; }

    public async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        Scenario = await Scenario.CreateAsync(Portal);
        Admin = Scenario.Admin;
        Office = Scenario.Office;
        PlanningSectionId = Scenario.Section.Id;
        var account = await Accounts.CreateAccountAsync(Admin, Handler.StaffId, HandlerUserName, HandlerPassword);
        Assert.True(account.IsOk, account.Error);
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    protected SectionAdministration SectionAdmin => Portal.Scoped<SectionAdministration>();

    protected StaffAdministration StaffAdmin => Portal.Scoped<StaffAdministration>();

    protected AccountAdministration Accounts => Portal.Scoped<AccountAdministration>();

    protected CalendarAdministration CalendarAdmin => Portal.Scoped<CalendarAdministration>();

    protected async Task<(int Sections, int Staff, int Users, int Days)> CountsAsync()
    {
        await using var db = Portal.Db();
        return (await db.Sections.CountAsync(), await db.Staff.CountAsync(), await db.Users.CountAsync(), await db.CalendarDays.CountAsync());
    }

    protected async Task<int> NewSectionStaffAsync(string name)
    {
        var added = await StaffAdmin.AddStaffAsync(Admin, new StaffInput(name, "科员", "138-0000-0099", StaffRoles.SectionStaff, PlanningSectionId));
        Assert.True(added.IsOk, added.Error);
        return added.Value;
    }

    /// <summary>
    /// Runs the calls an office member makes on the director and checks each was refused as "只有系统管理员可以…",
    /// with nothing saved and the director unchanged.
    /// </summary>
    protected async Task AssertANonAdminIsRefusedAndNothingChangesAsync(Func<int, Task<string?[]>> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var before = await CountsAsync();
        var director = Scenario.Director;

        var refusals = await calls(director.StaffId);

        Assert.All(refusals, error => Assert.StartsWith("只有系统管理员可以", error));
        Assert.Equal(before, await CountsAsync());
        await using var after = Portal.Db();
        var unchanged = await after.Staff.AsNoTracking().SingleAsync(s => s.Id == director.StaffId);
        Assert.Equal(StaffRoles.Director, unchanged.Roles);
        Assert.True(unchanged.IsActive);
    }
}
