using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Account;

/// <summary>
/// Who is using this circuit or request, as the workflow sees them. Roles and sections are read fresh from the
/// database, so a change the admin makes applies to the very next action, not only after a new sign-in.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>
    /// The signed-in staff member as an <see cref="Actor"/>; null when anonymous, the person is inactive, or their
    /// account must change its password first. Ask again for every action: never keep the answer on a page.
    /// </summary>
    public async Task<Actor?> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await ForAsync(state.User, dbFactory, cancellationToken);
    }

    /// <summary>Who is signed in, from the sign-in's claims alone (no database read; see <see cref="ForAsync"/>).</summary>
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>
    /// The person as they stand now, or someone without any role when the account no longer stands: for actions whose
    /// service refuses a person without the role, in its own words.
    /// </summary>
    public async Task<Actor> NowAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken) ?? NoOne;

    /// <summary>Nobody: no roles, no section; every service refuses them.</summary>
    public static readonly Actor NoOne = new(0, string.Empty, Domain.Organization.StaffRoles.None);

    public static async Task<Actor?> ForAsync(ClaimsPrincipal user, IDbContextFactory<PortalDbContext> dbFactory,
        CancellationToken cancellationToken = default)
    {
        if (StaffIdOf(user) is not { } staffId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // An account that must change its password may do nothing else until it has (the sign-in cookie may predate
        // an administrator's reset, so the database decides).
        var staff = await db.Staff.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == staffId && s.IsActive
                && !db.Users.Any(u => u.StaffMemberId == staffId && u.MustChangePassword), cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var overseen = await db.Sections.AsNoTracking().Where(s => s.DeputyDirectorId == staffId).Select(s => s.Id).ToListAsync(cancellationToken);
        return Actor.For(staff, overseen);
    }

    /// <summary>The staff member a sign-in is for, from its claims; null for anyone else (an API key, anonymous).</summary>
    public static int? StaffIdOf(ClaimsPrincipal user) =>
        user?.FindFirstValue(PortalClaims.StaffId) is { } raw && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var staffId)
            ? staffId
            : null;
}
