using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using ProposalPortal.Features.Api;

namespace ProposalPortal.Features.Account;

/// <summary>
/// The named authorization policies: who may open a page, call an endpoint or connect to the hub, written once.
/// Pages say <c>[Authorize(Policy = PortalPolicies.X)]</c>, endpoints <c>.RequireAuthorization(PortalPolicies.X)</c>.
/// They read the roles in the sign-in cookie, which <see cref="RevalidatingAuthenticationStateProvider"/> and
/// <see cref="CurrentActor"/> keep honest against the database; the services still check the actor for the use case
/// itself (an item of another section, an Office-only step), because that is the domain's decision, not the door's.
/// </summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in person; pages and endpoints that then show only what the person's section allows.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>The director, deputy directors and the Office: whoever sees every item (statistics, the annual summary).</summary>
    public const string Leadership = "Leadership";

    /// <summary>The Office (研究室): registration, imports.</summary>
    public const string Office = "Office";

    /// <summary>System administrators: sections, staff, calendar, rules, signing, backups, the audit record.</summary>
    public const string Admin = "Admin";

    /// <summary>A section's staff member who belongs to a section.</summary>
    public const string SectionStaff = "SectionStaff";

    /// <summary>
    /// The live boards' hub: a leader, the Office or a section's staff member signed in, or a program with an API key
    /// of the <c>read</c> scope. The hub checks the person's roles again from the database when they connect.
    /// </summary>
    public const string BoardReader = "BoardReader";

    /// <summary>Every named policy, for the test that every page and endpoint names one.</summary>
    public static readonly IReadOnlyList<string> All = [SignedIn, Leadership, Office, Admin, SectionStaff, BoardReader];

    /// <summary>The policies, and the fallback: every endpoint needs a signed-in user unless it says otherwise.</summary>
    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser())
        .AddPolicy(Leadership, policy => policy.RequireRole(PortalRoles.Director, PortalRoles.DeputyDirector, PortalRoles.Office))
        .AddPolicy(Office, policy => policy.RequireRole(PortalRoles.Office))
        .AddPolicy(Admin, policy => policy.RequireRole(PortalRoles.Admin))
        .AddPolicy(SectionStaff, policy => policy.RequireAssertion(context => IsSectionStaff(context.User)))
        .AddPolicy(BoardReader, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => ApiPolicies.HasScope(context.User, ApiScopes.Read)
                || IsLeadership(context.User) || IsSectionStaff(context.User)));

    private static bool IsLeadership(ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.Director) || user.IsInRole(PortalRoles.DeputyDirector) || user.IsInRole(PortalRoles.Office);

    private static bool IsSectionStaff(ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.SectionStaff) && user.HasClaim(c => c.Type == PortalClaims.SectionId);
}
