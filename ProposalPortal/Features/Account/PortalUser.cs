using Microsoft.AspNetCore.Identity;

namespace ProposalPortal.Features.Account;

/// <summary>A sign-in account. Roles and section come from the linked staff member, so there is one source of truth.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>The person this account belongs to.</summary>
    public int StaffMemberId { get; set; }

    /// <summary>Set for the first administrator (password from configuration) and after an admin resets a password.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>The first administrator of a real deployment. Bound from "Admin".</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The first administrator's user name.</summary>
    public string UserName { get; set; } = "admin";

    /// <summary>
    /// The first administrator's initial password, required when a database without demo data has no accounts yet.
    /// It must be changed at the first sign-in.
    /// </summary>
    public string? InitialPassword { get; set; }
}

/// <summary>The claim types the portal adds to a signed-in user.</summary>
public static class PortalClaims
{
    public const string StaffId = "portal:staff";
    public const string SectionId = "portal:section";
    public const string DisplayName = "portal:name";
}

/// <summary>Role names as claims and policies use them (the <see cref="Domain.Organization.StaffRoles"/> flags' names).</summary>
public static class PortalRoles
{
    public const string Director = nameof(Domain.Organization.StaffRoles.Director);
    public const string DeputyDirector = nameof(Domain.Organization.StaffRoles.DeputyDirector);
    public const string Office = nameof(Domain.Organization.StaffRoles.Office);
    public const string SectionStaff = nameof(Domain.Organization.StaffRoles.SectionStaff);
    public const string Admin = nameof(Domain.Organization.StaffRoles.Admin);

    /// <summary>Leaders and the Office: whoever sees every item.</summary>
    public const string Leadership = Director + "," + DeputyDirector + "," + Office;
}
