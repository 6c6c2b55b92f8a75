using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Proposals;

/// <summary>What the item list can be narrowed to.</summary>
public enum DueFilter
{
    Any,
    DueSoon,
    Overdue,

    /// <summary>Everything that is not overdue: no deadline yet, its step done, or the deadline not passed.</summary>
    NotOverdue,
}

public enum ProposalSort
{
    DeadlineAscending,
    DeadlineDescending,
    NumberAscending,
    NumberDescending,
    AssignedAscending,
    AssignedDescending,
    TitleAscending,
    TitleDescending,
}

/// <summary>A filter, a sort and a page of the item list.</summary>
public sealed record ProposalQuery(
    int? Year = null,
    ProposalKind? Kind = null,
    Level? Level = null,
    HandlingRole? Role = null,
    ProposalState? State = null,
    int? SectionId = null,
    bool? IsKey = null,
    DueFilter Due = DueFilter.Any,
    string? Text = null,
    ProposalSort Sort = ProposalSort.DeadlineAscending,
    int Page = 0,
    int PageSize = 50,
    int? Number = null);

/// <summary>One row of the item list.</summary>
public sealed record ProposalRow(
    int Id, int Year, string Session, int Number, string Title, ProposalKind Kind, Level Level, HandlingRole Role,
    ProposalState State, bool IsKey, DateOnly AssignedOn, DateOnly? Deadline, int? SectionId, string LeadProposer, int Version)
{
    public string SourceName => Labels.SourceName(Level, Kind);
}

public sealed record ProposalPage(IReadOnlyList<ProposalRow> Rows, int Total);

/// <summary>
/// The item list's server query: filters, sorts and pages in SQL, so a list over a hundred thousand items never
/// loads them all. Section staff see only their own section's rows.
/// </summary>
public sealed class ProposalQueryService(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock, Microsoft.Extensions.Options.IOptionsMonitor<DeadlineOptions> deadlines)
{
    public async Task<ProposalPage> QueryAsync(ProposalQuery query, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await CountAsync(db, query, actor, cancellationToken);
        var rows = await Page(db, query, actor, total).ToListAsync(cancellationToken);
        return new ProposalPage(rows, total);
    }

    /// <summary>
    /// Whether a change to <paramref name="changedIds"/> (none of them among <paramref name="shownIds"/>) can alter a page
    /// of <paramref name="query"/> that showed <paramref name="shownIds"/> out of <paramref name="shownTotal"/>: the filter
    /// no longer counts <paramref name="shownTotal"/> (one entered or left it), or, when a changed item matches the filter
    /// now, the page's ids in order are no longer <paramref name="shownIds"/> (it entered the page or moved across it). A
    /// key lookup of the changed items, the pager's own count and at most the page's ids: no row read whole, nothing
    /// drawn (LiveRefresh).
    /// </summary>
    public async Task<bool> ChangesListAsync(ProposalQuery query, Actor actor, IReadOnlyCollection<int> changedIds,
        IReadOnlyList<int> shownIds, int shownTotal, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = changedIds.ToList();
        var total = await CountAsync(db, query, actor, cancellationToken);
        if (total != shownTotal)
        {
            return true;
        }

        // The same items match as before (the count is the same and none entered: the lookup finds no changed one):
        // the page holds the same rows, and none of them changed.
        if (!await Filtered(db, query, actor).AnyAsync(p => ids.Contains(p.Id), cancellationToken))
        {
            return false;
        }

        var page = await PageItems(db, query, actor, total).Select(p => p.Id).ToListAsync(cancellationToken);
        return !page.SequenceEqual(shownIds);
    }

    /// <summary>The page's rows, read the way that suits <paramref name="total"/> matches (the count comes first).</summary>
    internal IQueryable<ProposalRow> Page(PortalDbContext db, ProposalQuery query, Actor actor, int total) =>
        PageItems(db, query, actor, total)
            .Select(p => new ProposalRow(p.Id, p.Year, p.Session, p.Number, p.Title, p.Kind, p.Level, p.Role, p.State, p.IsKey,
                p.AssignedOn, p.Deadline, p.Responsibility == null ? null : p.Responsibility.SectionId,
                p.Proposers.OrderBy(x => x.Order).Select(x => x.Name).FirstOrDefault() ?? string.Empty, p.Version));

    /// <summary>
    /// The page's items, unprojected: what <see cref="Page"/> draws, and what the live refresh compares by id alone.
    /// </summary>
    private IQueryable<Proposal> PageItems(PortalDbContext db, ProposalQuery query, Actor actor, int total)
    {
        // SQLite has no statistics here, so it would seek the filter's index and sort every match even when that is 90,000
        // rows; ListPlan picks the walk it should take from the total (BENCHMARKS.md, "Issue 17, session 7").
        var items = db.IsPostgreSql()
            ? Filtered(db, query, actor)
            : ListPlan.ForPage(Filtered(db, query, actor), query, actor, total);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        return Sorted(items, query.Sort)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize);
    }

    /// <summary>How many items the filter selects: the pager's exact total.</summary>
    private async Task<int> CountAsync(PortalDbContext db, ProposalQuery query, Actor actor, CancellationToken cancellationToken)
    {
        if (db.IsPostgreSql())
        {
            return await Filtered(db, query, actor).CountAsync(cancellationToken);
        }

        // Every item, unfiltered: SQLite counts a table's entries without reading them.
        if (actor.SeesEverything && query == new ProposalQuery(Sort: query.Sort, Page: query.Page, PageSize: query.PageSize))
        {
            return await db.Proposals.CountAsync(cancellationToken);
        }

        Task<int> Count(ProposalQuery q) => ListPlan.ForCount(Filtered(db, q, actor), q, actor).CountAsync(cancellationToken);

        // 未超期 is everything but 超期: counted as all minus overdue, two seeks, where its own test (no deadline, or done, or
        // not yet due) is an OR that SQLite answers by reading ~95,000 index entries and merging their ids.
        return query.Due == DueFilter.NotOverdue
            ? await Count(query with { Due = DueFilter.Any }) - await Count(query with { Due = DueFilter.Overdue })
            : await Count(query);
    }

    /// <summary>
    /// The items the list's filter selects, as this actor may see them (section staff: their own section's only),
    /// unsorted and unpaged: the one filter behind the list, its export and the Office's batches, so that "all N
    /// matching" is the same N everywhere.
    /// </summary>
    internal IQueryable<Proposal> Filtered(PortalDbContext db, ProposalQuery query, Actor actor)
    {
        var items = db.Proposals.AsNoTracking();

        // The section's column alone (NULL when no section is responsible, so no match), not EF's test of the responsibility
        // being there, which reads its leader and handler too: no list index holds those, so every candidate row was read.
        // A responsibility is always whole (the record has no optional part), so both select the same items.
        if (!actor.SeesEverything)
        {
            var own = actor.SectionId ?? -1;
            items = items.Where(p => p.Responsibility!.SectionId == own);
        }

        if (query.Year is { } year) items = items.Where(p => p.Year == year);
        if (query.Kind is { } kind) items = items.Where(p => p.Kind == kind);
        if (query.Level is { } level) items = items.Where(p => p.Level == level);
        if (query.Role is { } role) items = items.Where(p => p.Role == role);
        if (query.State is { } state) items = items.Where(p => p.State == state);
        if (query.SectionId is { } section) items = items.Where(p => p.Responsibility!.SectionId == section);
        if (query.IsKey is { } key) items = items.Where(p => p.IsKey == key);
        if (query.Number is { } exactNumber) items = items.Where(p => p.Number == exactNumber);

        if (query.Due != DueFilter.Any)
        {
            var today = clock.Today;
            var soon = today.AddDays(deadlines.CurrentValue.DueSoonDays);
            var done = DoneStates;
            // The open states named one by one, not "not done": State IN (…) AND Deadline < today is a seek per state on
            // IX_Proposals_State_Deadline (migration ListTextSearch), where NOT IN walked every past deadline of every
            // year (超期 over ten years: ~90,000 index entries and their rows for 2,700 matches).
            var open = OpenStates;
            items = query.Due switch
            {
                DueFilter.Overdue => items.Where(p => p.Deadline != null && open.Contains(p.State) && p.Deadline < today),
                DueFilter.NotOverdue => items.Where(p => p.Deadline == null || done.Contains(p.State) || p.Deadline >= today),
                _ => items.Where(p => p.Deadline != null && open.Contains(p.State) && p.Deadline >= today && p.Deadline <= soon),
            };
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var number = ListSearch.Number(text);
            if (!db.IsPostgreSql() && ListSearch.Match(text) is { } match)
            {
                // The search index (migration ListTextSearch): the matching ids come from FTS5, not from reading every title.
                // A number typed (第12号) also finds that number of every session: its ids join the words' (one list of ids,
                // which ListPlan drives the read from), rather than an OR beside it.
                var hits = db.Database.SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM \"ProposalSearch\" WHERE \"ProposalSearch\" MATCH {0}", match);
                if (number is { } exact)
                {
                    hits = hits.Union(db.Proposals.Where(p => p.Number == exact).Select(p => p.Id));
                }

                items = items.Where(p => hits.Contains(p.Id));
            }
            else
            {
                items = items.Where(p => p.Title.Contains(text)
                    || p.Proposers.Any(x => x.Name.Contains(text))
                    || (number != null && p.Number == number));
            }
        }

        return items;
    }

    /// <summary>The list's order; the item id breaks ties, so pages and exports never repeat or skip a row.</summary>
    internal static IQueryable<Proposal> Sorted(IQueryable<Proposal> items, ProposalSort sort) =>
        sort switch
        {
            ProposalSort.DeadlineDescending => items.OrderByDescending(p => p.Deadline).ThenBy(p => p.Id),
            ProposalSort.NumberAscending => items.OrderBy(p => p.Session).ThenBy(p => p.Number),
            ProposalSort.NumberDescending => items.OrderByDescending(p => p.Session).ThenByDescending(p => p.Number),
            ProposalSort.AssignedAscending => items.OrderBy(p => p.AssignedOn).ThenBy(p => p.Id),
            ProposalSort.AssignedDescending => items.OrderByDescending(p => p.AssignedOn).ThenBy(p => p.Id),
            ProposalSort.TitleAscending => items.OrderBy(p => p.Title).ThenBy(p => p.Id),
            ProposalSort.TitleDescending => items.OrderByDescending(p => p.Title).ThenBy(p => p.Id),
            _ => items.OrderBy(p => p.Deadline).ThenBy(p => p.Id),
        };

    private static readonly ProposalState[] DoneStates = Enum.GetValues<ProposalState>().Where(Proposal.IsDeadlineStepDoneIn).ToArray();

    internal static readonly ProposalState[] OpenStates = Enum.GetValues<ProposalState>().Where(s => !Proposal.IsDeadlineStepDoneIn(s)).ToArray();
}

/// <summary>
/// The item list's search words as an FTS5 query over the <c>ProposalSearch</c> table (migration ListTextSearch), which
/// holds each title and its proposers' names as overlapping character bigrams ("充电桩" → "充电 电桩 桩"). Each run of
/// letters and digits that was typed must appear: two characters or more as the phrase of its bigrams, which finds it
/// wherever it stands in the text; one character as a prefix, which finds every bigram (and the final single character)
/// that starts with it. Latin letters match in either case.
/// </summary>
public static class ListSearch
{
    /// <summary>The item number typed as 12, 第12号 or 第12 (the list also finds that number of every session), or null.</summary>
    public static int? Number(string text)
    {
        var trimmed = text.Trim();
        return int.TryParse(trimmed.TrimStart('第').TrimEnd('号'), out var n) ? n : null;
    }

    /// <summary>The FTS5 query, or null when <paramref name="text"/> holds no letter or digit (the plain scan then decides).</summary>
    public static string? Match(string text)
    {
        var runs = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inRun = i < text.Length && char.IsLetterOrDigit(text[i]) && !char.IsSurrogate(text[i]);
            if (inRun && start < 0)
            {
                start = i;
            }
            else if (!inRun && start >= 0)
            {
                runs.Add(text[start..i]);
                start = -1;
            }
        }

        if (runs.Count == 0)
        {
            return null;
        }

        // Only letters and digits reach the quotes, so nothing typed can become FTS5 syntax.
        return string.Join(" AND ", runs.Select(run => run.Length == 1
            ? $"\"{run}\"*"
            : "\"" + string.Join(' ', Enumerable.Range(0, run.Length - 1).Select(i => run.Substring(i, 2))) + "\""));
    }
}
