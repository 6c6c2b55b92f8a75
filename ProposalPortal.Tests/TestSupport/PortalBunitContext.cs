using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ProposalPortal.Features.Account;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The shared bUnit setup, as MudBlazor's own tests do it: loose JS interop and MudBlazor services without
/// transitions. <see cref="SignInAsync"/> connects the components to a real <see cref="TestPortal"/> and signs in
/// one of its people. MudBlazor's services dispose only asynchronously, hence <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class PortalBunitContext : BunitContext, IAsyncLifetime
{
    protected PortalBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        // Scoped per circuit in the app; the portal's root provider cannot hand out a scoped service.
        Services.AddScoped<ProposalPortal.Features.Supervision.CircuitConnection>();
    }

    /// <summary>The portal under test, when the class uses one (set it in <see cref="InitializeAsync"/>).</summary>
    protected TestPortal? Portal { get; set; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }
    }

    /// <summary>
    /// Lets components resolve every application service from the portal; CurrentActor is built here because it needs
    /// bUnit's authentication state (the fallback provider only answers direct look-ups).
    /// </summary>
    protected void UsePortal(TestPortal portal)
    {
        Services.AddFallbackServiceProvider(portal.Services);
        Services.AddScoped(sp => new CurrentActor(
            sp.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>(),
            portal.Get<IDbContextFactory<ProposalPortal.Data.PortalDbContext>>()));
        // Scoped, on the CurrentActor above (the portal's own would read the portal's sign-in, not bUnit's).
        Services.AddScoped(sp => new ProposalPortal.Components.Layout.LiveRefreshRelevance(sp.GetRequiredService<CurrentActor>(),
            portal.Scoped<ProposalPortal.Features.Proposals.ProposalQueryService>(), portal.Scoped<ProposalPortal.Features.Proposals.MyWorkService>(),
            portal.Scoped<ProposalPortal.Features.Commitments.CommitmentQueryService>()));
    }

    /// <summary>
    /// Lets components resolve every application service from <paramref name="portal"/> and signs in the named
    /// person (the claim CurrentActor reads). Returns the staff id.
    /// </summary>
    protected async Task<int> SignInAsync(TestPortal portal, string name, params string[] roles)
    {
        int staffId;
        await using (var db = portal.Db())
        {
            staffId = await db.Staff.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
        }

        UsePortal(portal);
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        // Roles before claims: in bUnit 2, SetRoles after SetClaims drops the claims (and CurrentActor with them).
        if (roles.Length > 0)
        {
            auth.SetRoles(roles);
        }

        auth.SetClaims(new Claim(PortalClaims.StaffId, staffId.ToString(CultureInfo.InvariantCulture)));

        return staffId;
    }
}
