using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals;

/// <summary>
/// How SQLite reads the item list's total and page over a hundred thousand items (issue 17: the first page ≤ 10 ms for every
/// filter). SQLite's planner has no statistics here (the portal never runs ANALYZE), so it takes any equality filter as
/// selective: it would seek 已办结's index and sort 90,000 rows for one page of 20. The list knows better, because it
/// counts first: above <see cref="WalkTheSortFrom"/> matches the page walks the index of its own order and stops after
/// the page (the filter tested inside that index, so a row is read only when it is shown); below it, the filter's
/// index finds the few matches and they are sorted. The indexes are those of the migration ListSortIndexes.
/// PostgreSQL has statistics and plans the same LINQ itself; none of this applies there.
/// </summary>
internal static class ListPlan
{
    /// <summary>
    /// Matches above which the page walks its sort's index. Sorting a few hundred matches costs less than walking; and
    /// with this many, a walk meets the page soon, and even a walk to the end stays within the target (100,000 index
    /// entries, each filter tested in the index). ~1 ms either way on the benchmark database.
    /// </summary>
    internal const int WalkTheSortFrom = 1_000;

    /// <summary>Item ids and the filtered columns: the items the search words found, looked up by id without reading their rows.</summary>
    internal const string IdIndex = "IX_Proposals_List_Id";

    /// <summary>The filtered columns, fewest values first, so that each filter is a seek (see <see cref="AnyValueOfTheUnfiltered"/>).</summary>
    internal const string FactsIndex = "IX_Proposals_List_Facts";

    /// <summary>The same within one year: the year's figures' index, which holds every column the list filters on.</summary>
    internal const string YearFactsIndex = "IX_Proposals_Year_Facts";

    /// <summary>The index each sort walks when the filter matches many items (its exact ORDER BY, the id breaking ties).</summary>
    internal static string SortIndex(ProposalQuery query) => query.Sort switch
    {
        // The year's own indexes give these orders within one year (the year's deadline order per state, too).
        ProposalSort.DeadlineAscending when query.Year is not null && query.State is not null => "IX_Proposals_Year_State_Deadline",
        ProposalSort.DeadlineAscending when query.Year is not null => "IX_Proposals_Year_Deadline",
        ProposalSort.TitleAscending when query.Year is not null => "IX_Proposals_Year_Title",
        ProposalSort.DeadlineAscending => "IX_Proposals_List_Deadline",
        ProposalSort.DeadlineDescending => "IX_Proposals_List_DeadlineDesc",
        ProposalSort.NumberAscending or ProposalSort.NumberDescending => "IX_Proposals_List_Number",
        ProposalSort.AssignedAscending => "IX_Proposals_List_Assigned",
        ProposalSort.AssignedDescending => "IX_Proposals_List_AssignedDesc",
        ProposalSort.TitleAscending => "IX_Proposals_List_Title",
        ProposalSort.TitleDescending => "IX_Proposals_List_TitleDesc",
        _ => throw new ArgumentOutOfRangeException(nameof(query)),
    };

    /// <summary>
    /// The filtered items as the total counts them: from the search words' ids, or a few seeks of the filtered columns
    /// (named, because the planner would take the deadline index of 超期 in 已办结 and read each row for the rest).
    /// </summary>
    public static IQueryable<Proposal> ForCount(IQueryable<Proposal> filtered, ProposalQuery query, Actor actor) =>
        SearchesTheIndex(query) && !Narrow(query, actor) ? filtered.Through(IdIndex)
        : Seekable(query) ? AnyValueOfTheUnfiltered(filtered, query).Through(query.Year is null ? FactsIndex : YearFactsIndex)
        : filtered;

    /// <summary>
    /// Whether a filter other than the words selects at most a few thousand items (重点, a section or section staff's own, a state other than
    /// 已办结, where ten years of items end, or 超期/临期): then those are seeked and each tested against the words' ids,
    /// rather than looking up each of the words' thousands of ids (充电: 6,000).
    /// </summary>
    private static bool Narrow(ProposalQuery query, Actor actor) =>
        query.IsKey == true || query.SectionId is not null || !actor.SeesEverything || (query.State is { } state && state != ProposalState.Closed)
        || query.Due is DueFilter.Overdue or DueFilter.DueSoon;

    /// <summary>
    /// The filtered items as the page takes them. Over many matches: walking the sort's index. Over few: found as the total
    /// found them, then sorted (not by walking an index that gives the order but holds no filtered column, which the
    /// planner prefers, to avoid the sort, and which reads a whole row per entry). 超期 and 临期 always so: their few
    /// thousand matches are open items, which every order but the deadline's meets only after the ten years of closed ones.
    /// </summary>
    public static IQueryable<Proposal> ForPage(IQueryable<Proposal> filtered, ProposalQuery query, Actor actor, int total) =>
        total > WalkTheSortFrom && query.Due is not (DueFilter.Overdue or DueFilter.DueSoon)
            ? filtered.Through(SortIndex(query))
            : ForCount(filtered, query, actor);

    /// <summary>Whether the words are looked up in the search index (then the matching ids drive the read, by <see cref="IdIndex"/>).</summary>
    private static bool SearchesTheIndex(ProposalQuery query) => !string.IsNullOrWhiteSpace(query.Text) && ListSearch.Match(query.Text) is not null;

    /// <summary>
    /// Whether the filter is answered by <see cref="FactsIndex"/>: no search the index cannot answer (punctuation alone is a
    /// plain scan) and no exact item number (its own index finds the few with that number).
    /// </summary>
    private static bool Seekable(ProposalQuery query) =>
        (string.IsNullOrWhiteSpace(query.Text) || SearchesTheIndex(query)) && query.Number is null;

    /// <summary>
    /// Every unfiltered column of <see cref="FactsIndex"/> as "any of its values", so that SQLite seeks each combination
    /// of the columns before the filtered ones (2 × 2 × 2 × 2 × 13 seeks at most) instead of reading every entry: 市级 over
    /// every year counts its 70,000 entries in a narrow range rather than testing 100,000. Selects the same items.
    /// </summary>
    private static IQueryable<Proposal> AnyValueOfTheUnfiltered(IQueryable<Proposal> items, ProposalQuery query)
    {
        if (query.Kind is null) items = items.Where(p => AllKinds.Contains(p.Kind));
        if (query.Level is null) items = items.Where(p => AllLevels.Contains(p.Level));
        if (query.Role is null) items = items.Where(p => AllRoles.Contains(p.Role));
        if (query.IsKey is null) items = items.Where(p => Both.Contains(p.IsKey));

        // 超期 and 临期 already name the open states.
        if (query.State is null && query.Due is DueFilter.Any or DueFilter.NotOverdue) items = items.Where(p => AllStates.Contains(p.State));
        return items;
    }

    private static readonly ProposalKind[] AllKinds = Enum.GetValues<ProposalKind>();
    private static readonly Level[] AllLevels = Enum.GetValues<Level>();
    private static readonly HandlingRole[] AllRoles = Enum.GetValues<HandlingRole>();
    private static readonly ProposalState[] AllStates = Enum.GetValues<ProposalState>();
    private static readonly bool[] Both = [false, true];
}
