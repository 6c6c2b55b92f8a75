using ProposalPortal.Domain.Organization;

namespace ProposalPortal.Domain.Workflow;

/// <summary>
/// Who is acting, as the workflow needs to know it: roles, own section, the sections a deputy oversees.
/// Built by the application from the signed-in user; the domain never looks at HTTP or Identity.
/// </summary>
public sealed record Actor(
    int StaffId,
    string Name,
    StaffRoles Roles,
    int? SectionId = null,
    IReadOnlySet<int>? OverseenSectionIds = null,
    bool IsSignOffDelegate = false,
    int? ProposerId = null)
{
    public IReadOnlySet<int> OverseenSections { get; } = OverseenSectionIds ?? new HashSet<int>();

    public bool Has(StaffRoles role) => (Roles & role) == role;

    /// <summary>Leaders and the Office see every item; section staff only their own section's.</summary>
    public bool SeesEverything => Has(StaffRoles.Director) || Has(StaffRoles.DeputyDirector) || Has(StaffRoles.Office);

    /// <summary>
    /// A proposer answering through their personal evaluation link: no staff roles, known only as one proposer of one item.
    /// </summary>
    public static Actor Proposer(int proposerId, string name) => new(0, name, StaffRoles.None, ProposerId: proposerId);

    public static Actor For(StaffMember staff, IEnumerable<int> overseenSectionIds) =>
        new(staff.Id, staff.Name, staff.Roles, staff.SectionId, overseenSectionIds.ToHashSet(), staff.IsSignOffDelegate);
}
