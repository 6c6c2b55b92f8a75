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
/// A demo portal with its administrator (许五), an office member (尤四) and 发展规划科, shared by the tests of the four
/// administration areas.
/// </summary>
public abstract class AdministrationTestBase : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026: no holiday that week, and 2026 has no calendar entries in the demo database.</summary>
    protected static readonly DateOnly AssignedOn = new(2026, 3, 2);

    protected TestPortal Portal { get; private set; } = null!;

    protected Actor Admin { get; private set; } = null!;

    protected Actor Office { get; private set; } = null!;

    protected int PlanningSectionId { get; private set; }

    public async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync(demo: true);
        await using var db = Portal.Db();
        var staff = await db.Staff.AsNoTracking().ToListAsync();
        Admin = Actor.For(staff.Single(s => s.Name == "许五"), []);
        Office = Actor.For(staff.Single(s => s.Name == "尤四"), []);
        PlanningSectionId = (await db.Sections.SingleAsync(s => s.Name == "发展规划科")).Id;
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
        Assert.True(added.Succeeded, added.Error);
        return added.Value;
    }

    /// <summary>
    /// Runs the calls an office member (尤四) makes on 杨一 (a director) and checks each was refused as "只有系统管理员可以…",
    /// with nothing saved and 杨一 unchanged.
    /// </summary>
    protected async Task AssertANonAdminIsRefusedAndNothingChangesAsync(Func<int, Task<string?[]>> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var before = await CountsAsync();
        StaffMember yangYi;
        await using (var db = Portal.Db())
        {
            yangYi = await db.Staff.AsNoTracking().SingleAsync(s => s.Name == "杨一");
        }

        var refusals = await calls(yangYi.Id);

        Assert.All(refusals, error => Assert.StartsWith("只有系统管理员可以", error));
        Assert.Equal(before, await CountsAsync());
        await using var after = Portal.Db();
        var unchanged = await after.Staff.AsNoTracking().SingleAsync(s => s.Id == yangYi.Id);
        Assert.Equal(StaffRoles.Director, unchanged.Roles);
        Assert.True(unchanged.IsActive);
    }
}
