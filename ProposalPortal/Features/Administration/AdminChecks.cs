using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Administration;

/// <summary>
/// The checks and wording the four administration areas share: who may act, how a text field is refused, and how the
/// administrators' record names a person. Kept in one place so that a refusal reads the same on every page.
/// </summary>
internal static class AdminChecks
{
    public const int NameMaxLength = 50;

    /// <summary>Null when the actor is 系统管理员; otherwise the Chinese refusal for <paramref name="what"/>.</summary>
    public static string? Refuse(Actor actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(StaffRoles.Admin) ? null : $"只有系统管理员可以{what}";
    }

    public static string? CheckText(string? value, string label, bool required, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"请填写{label}" : null;
        }

        return value.Trim().Length > maxLength ? $"{label}不能超过{maxLength}个字" : null;
    }

    /// <summary>How the administrators' record names a person.</summary>
    public static string Person(StaffMember member) => $"人员 {member.Name}（编号{member.Id}）";
}
