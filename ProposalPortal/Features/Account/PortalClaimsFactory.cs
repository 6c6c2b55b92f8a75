using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;

namespace ProposalPortal.Features.Account;

/// <summary>Puts the staff member's roles, section and name into the sign-in cookie.</summary>
public sealed class PortalClaimsFactory(
    UserManager<PortalUser> users,
    IOptions<IdentityOptions> options,
    IDbContextFactory<PortalDbContext> dbFactory)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    public const string MustChangePassword = "portal:must-change-password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == user.StaffMemberId);
        if (staff is null || !staff.IsActive)
        {
            return identity;
        }

        identity.AddClaim(new Claim(PortalClaims.StaffId, staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, staff.Name));
        if (staff.SectionId is { } section)
        {
            identity.AddClaim(new Claim(PortalClaims.SectionId, section.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        foreach (var role in Enum.GetValues<StaffRoles>().Where(r => r != StaffRoles.None && staff.Has(r)))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePassword, "true"));
        }

        return identity;
    }
}
