using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using ProposalPortal.Components.Layout;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Features.Proposals;

/// <summary>
/// 建议提案: the item list, rendered statically. Filters, sorts and pages on the server
/// (<see cref="ProposalQueryService"/>); the filter, the sort and the page live in the URL, so a filtered list can be
/// bookmarked or sent to a colleague, and back and forward move through them.
/// </summary>
public sealed partial class ProposalList
{
    // 20 rows to a page, as the bureau's other systems show; 50 and 100 on request.
    private const int DefaultPageSize = 20;
    private const string AllYears = "all";
    private static readonly int[] PageSizes = [20, 50, 100];

    private Actor? _actor;
    private bool _loaded;
    private Names _names = new(new Dictionary<int, string>(), new Dictionary<int, string>());
    private IReadOnlyList<Section> _sections = [];
    private IReadOnlyList<int> _years = [];
    private DeadlineCalculator? _deadlines;
    private DateOnly _today;
    private ProposalQuery _filter = new();
    private ProposalSort _sort;
    private int _pageSize = DefaultPageSize;
    private int _pageIndex;
    private ProposalPage? _page;
    private bool _isOffice;
    private IReadOnlyList<StaffMember> _staff = [];
    private LiveRefreshScope? _live;

    [Inject] private ProposalQueryService Queries { get; set; } = null!;
    [Inject] private OrganizationService Organization { get; set; } = null!;
    [Inject] private StatisticsService Statistics { get; set; } = null!;
    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private WorkflowContextFactory Contexts { get; set; } = null!;
    [Inject] private PortalClock Clock { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _today = Clock.Today;
        var drawnAt = Clock.Now;
        _filter = FromUri(Navigation.Uri, _today.Year);
        _sort = SortFromUri(Navigation.Uri);
        _pageSize = PageSizeFromUri(Navigation.Uri);
        _pageIndex = PageFromUri(Navigation.Uri);

        _actor = await CurrentActor.GetAsync();
        if (_actor is not null)
        {
            _names = await Organization.NamesAsync();
            _sections = _actor.SeesEverything ? await Organization.SectionsAsync() : [];
            _years = await Statistics.YearsAsync();
            _deadlines = await Contexts.DeadlinesAsync();
            _isOffice = _actor.Has(StaffRoles.Office);
            _staff = _isOffice ? await Organization.StaffAsync() : [];
        }

        // The frame (title, filters) goes out first; the rows stream in when the query answers.
        _loaded = true;
        if (_actor is not null)
        {
            _page = await Queries.QueryAsync(_filter with { Sort = _sort, Page = _pageIndex, PageSize = _pageSize }, _actor);
            if (_page.Total > 0 && _pageIndex > LastPageIndex())
            {
                // A page beyond the end (fewer rows since the link was made): the last page instead of an empty one.
                _pageIndex = LastPageIndex();
                _page = await Queries.QueryAsync(_filter with { Sort = _sort, Page = _pageIndex, PageSize = _pageSize }, _actor);
            }

            _live = LiveRefreshScope.ForProposals(_filter with { Sort = _sort, Page = _pageIndex, PageSize = _pageSize }, _page, drawnAt);
        }
    }

    /// <summary>第1-50条,共120条: the rows on this page out of all that match.</summary>
    private string PagerInfo()
    {
        var total = _page?.Total ?? 0;
        var first = total == 0 ? 0 : (_pageIndex * _pageSize) + 1;
        var last = Math.Min((_pageIndex + 1) * _pageSize, total);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"第{first}-{last}条，共{total}条");
    }

    /// <summary>The batch page, with this list's query string: "all N matching" is this filter, read again there.</summary>
    private string BatchUrl() => "/proposals/batch" + new Uri(Navigation.Uri).Query;

    /// <summary>The export of this list: the same query string, so the same filter and order.</summary>
    private string ExportUrl() => Export.ProposalExportEndpoints.Path + new Uri(Navigation.Uri).Query;

    private bool IsLastPage() => (_pageIndex + 1) * _pageSize >= (_page?.Total ?? 0);

    private int LastPageIndex() => Math.Max(0, ((_page?.Total ?? 0) - 1) / _pageSize);

    /// <summary>The filter's fields as the form would send them, for the page-size form; empty ones left out.</summary>
    private IEnumerable<(string Name, string Value)> FilterFields()
    {
        foreach (var (name, value) in ToQueryParameters(_filter))
        {
            if (value?.ToString() is { Length: > 0 } text)
            {
                yield return (name, text);
            }
        }

        if (_sort != ProposalSort.DeadlineAscending)
        {
            yield return ("sort", _sort.ToString());
        }
    }

    private string WithSort(ProposalSort sort) => Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>(ToQueryParameters(_filter))
    {
        ["sort"] = sort == ProposalSort.DeadlineAscending ? null : sort.ToString(),
        ["size"] = _pageSize == DefaultPageSize ? null : _pageSize,
        ["page"] = null, // a new order starts on the first page
    });

    private string WithPage(int page) => Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>(ToQueryParameters(_filter))
    {
        ["sort"] = _sort == ProposalSort.DeadlineAscending ? null : _sort.ToString(),
        ["size"] = _pageSize == DefaultPageSize ? null : _pageSize,
        ["page"] = page == 0 ? null : page + 1,
    });

    private static bool IsDescending(ProposalSort sort) =>
        sort is ProposalSort.DeadlineDescending or ProposalSort.NumberDescending or ProposalSort.AssignedDescending or ProposalSort.TitleDescending;

    private static string Key(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string YearKey(int? year) => year is { } y ? Key(y) : AllYears;

    private DeadlineStatus? StatusOf(ProposalRow row) =>
        row.Deadline is { } due && _deadlines is not null
            ? _deadlines.Classify(due, _today, Proposal.IsDeadlineStepDoneIn(row.State))
            : null;

    /// <summary>The filter as URL query parameters; a null value removes the parameter.</summary>
    internal static IReadOnlyDictionary<string, object?> ToQueryParameters(ProposalQuery filter) => new Dictionary<string, object?>
    {
        ["year"] = filter.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? AllYears,
        ["kind"] = filter.Kind?.ToString(),
        ["level"] = filter.Level?.ToString(),
        ["role"] = filter.Role?.ToString(),
        ["state"] = filter.State?.ToString(),
        ["section"] = filter.SectionId,
        ["key"] = filter.IsKey switch { true => "1", false => "0", null => null },
        ["due"] = filter.Due == DueFilter.Any ? null : filter.Due.ToString(),
        ["q"] = filter.Text,
    };

    /// <summary>
    /// The filter a URL asks for; anything not understood is left out rather than refused. The bare address opens on
    /// the current year, where the work is; a link that filters otherwise (临期/超期 from a board, say) spans every year
    /// unless it names one, so that last year's late items are not hidden; <c>year=all</c> asks for every year.
    /// </summary>
    internal static ProposalQuery FromUri(string uri, int currentYear)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Get(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        int? Int(string name) => int.TryParse(Get(name), out var n) ? n : null;
        var filters = query.Keys.Where(k => k is not ("size" or "page" or "sort")).ToList();

        return Normalized(new ProposalQuery(
            Year: filters.Count == 0 ? currentYear : Int("year"),
            Kind: ParseEnum<ProposalKind>(Get("kind")),
            Level: ParseEnum<Level>(Get("level")),
            Role: ParseEnum<HandlingRole>(Get("role")),
            State: ParseEnum<ProposalState>(Get("state")),
            SectionId: Int("section"),
            IsKey: Get("key") switch { "1" => true, "0" => false, _ => null },
            Due: ParseEnum<DueFilter>(Get("due")) ?? DueFilter.Any,
            Text: Get("q")));
    }

    /// <summary>The order a URL asks for (<c>sort=NumberAscending</c> …); deadline first otherwise.</summary>
    internal static ProposalSort SortFromUri(string uri) =>
        ParseEnum<ProposalSort>(QueryHelpers.ParseQuery(new Uri(uri).Query).TryGetValue("sort", out var raw) ? raw.ToString() : null)
            ?? ProposalSort.DeadlineAscending;

    /// <summary>The page a URL asks for, counted from 0 (<c>page=2</c> is the second page); the first otherwise.</summary>
    internal static int PageFromUri(string uri) =>
        QueryHelpers.ParseQuery(new Uri(uri).Query).TryGetValue("page", out var raw) && int.TryParse(raw.ToString(), out var page)
            && page is > 1 and < 1_000_000
            ? page - 1
            : 0;

    /// <summary>The page size a URL asks for (20, 50 or 100); 20 otherwise.</summary>
    internal static int PageSizeFromUri(string uri) =>
        QueryHelpers.ParseQuery(new Uri(uri).Query).TryGetValue("size", out var raw) && int.TryParse(raw.ToString(), out var size)
            && PageSizes.Contains(size)
            ? size
            : DefaultPageSize;

    private static ProposalQuery Normalized(ProposalQuery filter) =>
        filter with { Text = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim(), Sort = default, Page = 0, PageSize = DefaultPageSize };

    private static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        !string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;

    private static string DueName(DueFilter due) => due switch
    {
        DueFilter.DueSoon => "临期",
        DueFilter.Overdue => "超期",
        DueFilter.NotOverdue => "未超期",
        _ => "全部",
    };
}
