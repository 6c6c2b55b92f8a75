using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Features.Account;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components;

/// <summary>The bUnit sign-in every page test relies on: with roles or without, the current person is known.</summary>
public sealed class SignInFixtureTests : PortalBunitContext
{
    [Fact]
    public async Task SigningInWithRolesKeepsThePersonAndTheRoles()
    {
        Portal = await TestPortal.StartAsync();
        var office = (await Scenario.CreateAsync(Portal)).Office;
        await SignInAsync(Portal, office.Name, PortalRoles.Office);

        var actor = await Services.GetRequiredService<CurrentActor>().GetAsync();

        Assert.NotNull(actor);
        Assert.Equal((office.StaffId, office.Name), (actor.StaffId, actor.Name));
    }
}
