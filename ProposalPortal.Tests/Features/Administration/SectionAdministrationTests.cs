using Microsoft.EntityFrameworkCore;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Administration;

/// <summary>The Admin's sections and their 分管副局长, in a <see cref="Scenario"/> of an empty portal.</summary>
public sealed class SectionAdministrationTests : AdministrationTestBase
{
    [Fact]
    public async Task ANonAdminIsRefusedAndNothingChanges()
    {
        await AssertANonAdminIsRefusedAndNothingChangesAsync(async yangYi =>
        [
            (await SectionAdmin.AddSectionAsync(Office, "新科室", null)).Error,
        ]);
    }

    [Fact]
    public async Task ASectionsDeputyMustBeADeputyDirector()
    {
        await using var db = Portal.Db();
        var office = await db.Staff.SingleAsync(s => s.Id == Office.StaffId);
        var deputy = await db.Staff.SingleAsync(s => s.Id == Scenario.OtherDeputy.StaffId);

        var refused = await SectionAdmin.SetSectionDeputyAsync(Admin, PlanningSectionId, office.Id);
        var accepted = await SectionAdmin.SetSectionDeputyAsync(Admin, PlanningSectionId, deputy.Id);

        Assert.Equal($"分管领导须为分管副局长，{office.Name}不是分管副局长", refused.Error);
        Assert.True(accepted.IsOk, accepted.Error);
        await using var after = Portal.Db();
        Assert.Equal(deputy.Id, (await after.Sections.SingleAsync(s => s.Id == PlanningSectionId)).DeputyDirectorId);
    }
}
