using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Commitments;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Components.Layout;

/// <summary>Which static page a <see cref="LiveRefresh"/> island keeps live.</summary>
public enum LiveRefreshView
{
    /// <summary>A page whose every figure may change with any item (首页): every change it hears refreshes it.</summary>
    Everything,
    /// <summary>建议提案, the item list: <see cref="LiveRefreshScope.Filter"/> is its filter.</summary>
    Proposals,
    /// <summary>我的待办: what waits for the reader.</summary>
    MyWork,
    /// <summary>跟踪问效: <see cref="LiveRefreshScope.Commitments"/> and <see cref="LiveRefreshScope.Year"/> are its filter.</summary>
    Commitments,
}

/// <summary>
/// What a static page shows its reader, as far as a change can alter it: the items on it, how many the page counts (共N条),
/// and the filter that chose them. The page hands it to its island, so it is plain serializable values (a static page
/// hands an island only what it can serialize); an enhanced navigation (the refresh, or a new filter) hands the island
/// the new one.
/// </summary>
/// <param name="View">Which page.</param>
/// <param name="ShownIds">The items the page shows (a row of theirs, or one of their promises).</param>
/// <param name="Total">How many the filter selected when the page was drawn: the pager's total, or the rows of a page without one.</param>
/// <param name="PageIndex">我的待办's page (from 0) and its size; the item list's are in <see cref="Filter"/>.</param>
/// <param name="DrawnAt">When the page was drawn: the island weighs changes against this scope only once it is newer
/// than the last refresh the island asked for (until then, the browser is getting a newer page than the scope says).</param>
public sealed record LiveRefreshScope(
    LiveRefreshView View,
    IReadOnlyList<int> ShownIds,
    int Total,
    DateTimeOffset DrawnAt,
    ProposalQuery? Filter = null,
    CommitmentFilter Commitments = CommitmentFilter.Pending,
    int? Year = null,
    int PageIndex = 0,
    int PageSize = 0)
{
    public static LiveRefreshScope ForProposals(ProposalQuery filter, ProposalPage page, DateTimeOffset drawnAt) =>
        new(LiveRefreshView.Proposals, [.. page.Rows.Select(r => r.Id)], page.Total, drawnAt, filter);

    public static LiveRefreshScope ForMyWork(MyWorkPage page, DateTimeOffset drawnAt) =>
        new(LiveRefreshView.MyWork, [.. page.Rows.Select(r => r.Id)], page.Total, drawnAt, PageIndex: page.PageIndex, PageSize: page.PageSize);

    public static LiveRefreshScope ForCommitments(CommitmentFilter filter, int? year, IReadOnlyList<CommitmentRow> rows, DateTimeOffset drawnAt) =>
        new(LiveRefreshView.Commitments, [.. rows.Select(r => r.ProposalId).Distinct()], rows.Count, drawnAt, Commitments: filter, Year: year);
}

/// <summary>
/// Whether a committed change can alter what a static page shows its reader: the one place where the pages'
/// <see cref="LiveRefresh"/> islands decide, so that a step on an item nobody's page shows costs no page render
/// (BENCHMARKS.md, issue 17, session 9). Sure answers only: what is not known to leave the page as it is refreshes.
/// <list type="bullet">
/// <item>A new day refreshes (days left and over, due-soon and overdue, are counted afresh), and so does a change that
/// names no item, and any change on a page of figures (<see cref="LiveRefreshView.Everything"/>).</item>
/// <item>A change to an item the page shows refreshes (its row, or its promise, may read otherwise).</item>
/// <item>Otherwise cheap questions to the page's own query: does the filter count differently from the page's total
/// (an item entered or left it: the total, and the rows after it, move)? Does a changed item match the filter now? If
/// none does, the same items match as when the page was drawn, so it stays as it is; if one does, the page's ids in
/// order are read (the item list, 我的待办) and compared with the rows shown: it may have entered the page or moved
/// across it. 跟踪问效 has no pager: a matching promise refreshes it.</item>
/// </list>
/// The reader's permissions are read now, as for every action (<see cref="CurrentActor"/>); when they no longer stand
/// the page refreshes (and shows what the reader may see now).
/// </summary>
public sealed class LiveRefreshRelevance(
    CurrentActor currentActor, ProposalQueryService proposals, MyWorkService myWork, CommitmentQueryService commitments)
{
    /// <summary>Whether <paramref name="changedIds"/> (or a new day, when <paramref name="newDay"/>) can alter the page.</summary>
    public async Task<bool> ConcernsAsync(LiveRefreshScope? scope, IReadOnlyCollection<int> changedIds, bool newDay,
        CancellationToken cancellationToken = default)
    {
        if (scope is null || IsSureWithoutLookup(scope, changedIds, newDay))
        {
            return true;
        }

        // The reader as they stand now; one who no longer does gets the page again (and sees what they may now).
        return await currentActor.GetAsync(cancellationToken) is not { } reader
            || await LooksChangedAsync(scope, changedIds, reader, cancellationToken);
    }

    /// <summary>As <see cref="ConcernsAsync(LiveRefreshScope?, IReadOnlyCollection{int}, bool, CancellationToken)"/>, for a given reader.</summary>
    public async Task<bool> ConcernsAsync(LiveRefreshScope? scope, IReadOnlyCollection<int> changedIds, bool newDay, Actor reader,
        CancellationToken cancellationToken = default) =>
        scope is null || IsSureWithoutLookup(scope, changedIds, newDay) || await LooksChangedAsync(scope, changedIds, reader, cancellationToken);

    /// <summary>A page of figures, a new day, a change naming no item, or one to an item the page shows.</summary>
    private static bool IsSureWithoutLookup(LiveRefreshScope scope, IReadOnlyCollection<int> changedIds, bool newDay) =>
        scope.View == LiveRefreshView.Everything || newDay || changedIds.Count == 0 || changedIds.Any(scope.ShownIds.Contains);

    /// <summary>The page's own query, by key: a changed item matching the filter now, or a total that moved.</summary>
    private async Task<bool> LooksChangedAsync(LiveRefreshScope scope, IReadOnlyCollection<int> changedIds, Actor reader,
        CancellationToken cancellationToken) => scope.View switch
    {
        LiveRefreshView.Proposals when scope.Filter is { } filter =>
            await proposals.ChangesListAsync(filter, reader, changedIds, scope.ShownIds, scope.Total, cancellationToken),
        LiveRefreshView.MyWork =>
            await myWork.ChangesPageAsync(reader, changedIds, scope.ShownIds, scope.Total, scope.PageIndex, scope.PageSize, cancellationToken),
        LiveRefreshView.Commitments =>
            await commitments.ChangesListAsync(reader, scope.Commitments, scope.Year, changedIds, scope.Total, cancellationToken),
        _ => true,
    };
}
