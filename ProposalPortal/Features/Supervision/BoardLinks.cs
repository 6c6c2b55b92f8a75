using Microsoft.AspNetCore.WebUtilities;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Features.Supervision;

/// <summary>Where a board's 查看全部 leads: the item list (建议提案) with the filter that selects the same items.</summary>
public static class BoardLinks
{
    /// <summary>
    /// The item list of the board's year and scope (a section's board: that section) narrowed to 超期 or 临期. The list's
    /// due filter classifies as the board does (open and past the deadline; open and within DueSoonDays), and sorts by
    /// deadline, so its first page starts with the rows the board shows.
    /// </summary>
    public static string ItemList(int year, BoardScope scope, DueFilter due)
    {
        ArgumentNullException.ThrowIfNull(scope);
        // The list's own parameter names (ProposalList.ToQueryParameters), so that the link and the list's form agree.
        var parameters = ProposalList.ToQueryParameters(new ProposalQuery(Year: year, SectionId: scope.SectionId, Due: due))
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString("/proposals", parameters);
    }
}
