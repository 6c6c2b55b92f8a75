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
    /// <summary>The signed-in staff member as an <see cref="Actor"/>; null when anonymous or the account is inactive.</summary>
    public async Task<Actor?> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await ForAsync(state.User, dbFactory, cancellationToken);
    }

    public static async Task<Actor?> ForAsync(ClaimsPrincipal user, IDbContextFactory<PortalDbContext> dbFactory,
        CancellationToken cancellationToken = default)
    {
        if (user.FindFirstValue(PortalClaims.StaffId) is not { } raw || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var staffId))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId && s.IsActive, cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var overseen = await db.Sections.AsNoTracking().Where(s => s.DeputyDirectorId == staffId).Select(s => s.Id).ToListAsync(cancellationToken);
        return Actor.For(staff, overseen);
    }
}
