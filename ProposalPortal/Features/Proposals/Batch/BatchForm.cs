using System.Globalization;
using Microsoft.Extensions.Primitives;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.Batch;

/// <summary>
/// The batch bar's form fields, named once: the list page writes them, the batch page and the export endpoint read
/// them. Ids are only a wish: <see cref="ProposalBatch"/> keeps those the actor may see.
/// </summary>
public static class BatchForm
{
    /// <summary>The form's name (Blazor's <c>_handler</c>): the batch page handles the post of this form.</summary>
    public const string Name = "proposal-batch";

    public const string IdsField = "ids";
    public const string AllField = "all";
    public const string ActionField = "action";
    public const string HandlerField = "handler";
    public const string LeaderField = "leader";
    public const string MessageField = "message";

    /// <summary>The id of the form element, which the rows' checkboxes name in their <c>form</c> attribute.</summary>
    public const string ElementId = "batch-form";

    public static bool AllMatching(IFormCollection form) => form[AllField] == "true";

    /// <summary>The ids ticked; anything that is not a positive number is left out, and each id counts once.</summary>
    public static IReadOnlyList<int> Ids(IFormCollection form) => Numbers(form[IdsField]).Distinct().Take(10_000).ToList();

    /// <summary>The request the form makes, or null when it names no action the portal knows.</summary>
    public static BatchRequest? Request(IFormCollection form, ProposalQuery filter)
    {
        if (!Enum.TryParse<BatchAction>(form[ActionField].ToString(), ignoreCase: false, out var action) || !Enum.IsDefined(action))
        {
            return null;
        }

        return new BatchRequest(action, Ids(form), AllMatching(form), filter,
            Numbers(form[HandlerField]).Cast<int?>().FirstOrDefault(),
            Numbers(form[LeaderField]).Cast<int?>().FirstOrDefault(),
            form[MessageField].ToString() is { Length: > 0 } message ? message : null);
    }

    private static IEnumerable<int> Numbers(StringValues values) =>
        values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0).Where(n => n > 0);
}
