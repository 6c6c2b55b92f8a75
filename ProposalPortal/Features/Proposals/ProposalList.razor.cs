using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
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
/// 建议提案: the item list. Filters, sorts and pages on the server (<see cref="ProposalQueryService"/>); the filters
/// live in the URL, so a filtered list can be bookmarked or sent to a colleague.
/// </summary>
public sealed partial class ProposalList : IDisposable
{
    private const string PagePath = "proposals";
    // 20 rows to a page, as the bureau's other systems show; 50 and 100 on request. Every row shown costs the circuit
    // about 13 KB of server memory for as long as the page is open (BENCHMARKS.md, circuit memory).
    private const int DefaultPageSize = 20;
    private const string AllYears = "all";
    private static readonly int[] PageSizes = [20, 50, 100];

    // How long typing must pause before the search runs. A pause in typing is the user's, not the bureau's, time, so
    // it is not read from the portal's TimeProvider.
    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(400);

    private MudDataGrid<ProposalRow>? _grid;
    private Actor? _actor;
    private bool _loaded;
    private Names _names = new(new Dictionary<int, string>(), new Dictionary<int, string>());
    private IReadOnlyList<Section> _sections = [];
    private IReadOnlyList<int> _years = [];
    private DeadlineCalculator? _deadlines;
    private DateOnly _today;
    private ProposalQuery _filter = new();
    private string? _text;
    private int _pageSize = DefaultPageSize;
    private GridData<ProposalRow> _shown = new() { Items = [], TotalItems = 0 };
    private CancellationTokenSource? _typing;

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
        _filter = FromUri(Navigation.Uri, _today.Year);
        _text = _filter.Text;
        _pageSize = PageSizeFromUri(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;

        _actor = await CurrentActor.GetAsync();
        if (_actor is not null)
        {
            _names = await Organization.NamesAsync();
            _sections = _actor.SeesEverything ? await Organization.SectionsAsync() : [];
            _years = await Statistics.YearsAsync();
            _deadlines = await Contexts.DeadlinesAsync();
        }

        _loaded = true;
    }

    private async Task<GridData<ProposalRow>> LoadAsync(GridState<ProposalRow> state, CancellationToken cancellationToken)
    {
        var query = _filter with
        {
            Sort = ToSort(state.SortDefinitions.FirstOrDefault()),
            Page = state.Page,
            PageSize = state.PageSize,
        };
        try
        {
            // Today's section, not the one the page opened with (a moved person sees their new section's items).
            var page = await Queries.QueryAsync(query, await CurrentActor.NowAsync(cancellationToken), cancellationToken);
            return _shown = new GridData<ProposalRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer request replaced this one; keep what is on screen until it answers.
            return _shown;
        }
    }

    private Task ApplyAsync(ProposalQuery filter, bool keepText = false)
    {
        filter = Normalized(filter);
        if (filter == _filter)
        {
            return Task.CompletedTask;
        }

        _filter = filter;
        if (!keepText)
        {
            _text = filter.Text;
        }

        UpdateAddress();
        return ReloadAsync();
    }

    private void OnPageSizeChanged(int size)
    {
        _pageSize = size;
        UpdateAddress();
    }

    private void UpdateAddress()
    {
        var parameters = new Dictionary<string, object?>(ToQueryParameters(_filter))
        {
            ["size"] = _pageSize == DefaultPageSize ? null : _pageSize,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    /// <summary>
    /// The search box: searches once typing pauses, and at once when the box is emptied. What was typed stays in the box
    /// as typed (spaces included) while the search runs.
    /// </summary>
    private async Task OnSearchInput(ChangeEventArgs e)
    {
        _text = e.Value?.ToString();
        _typing?.Cancel();
        _typing?.Dispose();
        _typing = null;
        if (!string.IsNullOrWhiteSpace(_text))
        {
            var typing = _typing = new CancellationTokenSource();
            try
            {
                await Task.Delay(TypingPause, typing.Token);
            }
            catch (OperationCanceledException)
            {
                return; // another keystroke came first; it searches instead
            }
        }

        await ApplyAsync(_filter with { Text = _text }, keepText: true);
    }

    private async Task OnPageSizeSelectedAsync(ChangeEventArgs e)
    {
        if (_grid is not null && int.TryParse(e.Value?.ToString(), out var size) && PageSizes.Contains(size))
        {
            await _grid.SetRowsPerPageAsync(size); // the grid reports it back through RowsPerPageChanged
        }
    }

    /// <summary>第1-50条,共120条: the rows on this page out of all that match.</summary>
    private string PagerInfo()
    {
        var total = _grid?.GetFilteredItemsCount() ?? 0;
        var first = total == 0 ? 0 : (_grid!.CurrentPage * _grid.RowsPerPage) + 1;
        var last = _grid is null ? 0 : Math.Min((_grid.CurrentPage + 1) * _grid.RowsPerPage, total);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"第{first}-{last}条,共{total}条");
    }

    private bool IsLastPage() =>
        _grid is null || (_grid.CurrentPage + 1) * _grid.RowsPerPage >= _grid.GetFilteredItemsCount();

    private Task ClearAsync() => ApplyAsync(new ProposalQuery(Year: _today.Year));

    private Task ReloadAsync()
    {
        if (_grid is null)
        {
            return Task.CompletedTask;
        }

        // A new filter starts on the first page; moving there reloads by itself.
        if (_grid.CurrentPage != 0)
        {
            _grid.NavigateTo(MudBlazor.Page.First);
            return Task.CompletedTask;
        }

        return _grid.ReloadServerData();
    }

    // Back/forward or a link to another filter of this same page: the URL is the truth.
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = Navigation.ToBaseRelativePath(e.Location).Split('?', '#')[0].Trim('/');
        if (!string.Equals(path, PagePath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var filter = FromUri(e.Location, _today.Year);
        var size = PageSizeFromUri(e.Location);
        if (filter == _filter && size == _pageSize)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                if (size != _pageSize && _grid is not null)
                {
                    _pageSize = size;
                    await _grid.SetRowsPerPageAsync(size);
                }

                if (filter != _filter)
                {
                    _filter = filter;
                    _text = filter.Text;
                    await ReloadAsync();
                }

                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _typing?.Cancel();
        _typing?.Dispose();
    }

    private DeadlineStatus? StatusOf(ProposalRow row) =>
        row.Deadline is { } due && _deadlines is not null
            ? _deadlines.Classify(due, _today, Proposal.IsDeadlineStepDoneIn(row.State))
            : null;

    /// <summary>The grid's column sort as the server query knows it; the default order (deadline first) otherwise.</summary>
    internal static ProposalSort ToSort(SortDefinition<ProposalRow>? sort) => sort switch
    {
        { SortBy: nameof(ProposalRow.Deadline), Descending: true } => ProposalSort.DeadlineDescending,
        { SortBy: nameof(ProposalRow.Number), Descending: false } => ProposalSort.NumberAscending,
        { SortBy: nameof(ProposalRow.Number), Descending: true } => ProposalSort.NumberDescending,
        { SortBy: nameof(ProposalRow.AssignedOn), Descending: false } => ProposalSort.AssignedAscending,
        { SortBy: nameof(ProposalRow.AssignedOn), Descending: true } => ProposalSort.AssignedDescending,
        { SortBy: nameof(ProposalRow.Title), Descending: false } => ProposalSort.TitleAscending,
        { SortBy: nameof(ProposalRow.Title), Descending: true } => ProposalSort.TitleDescending,
        _ => ProposalSort.DeadlineAscending,
    };

    /// <summary>Keeps each page in the order the server sorted it: the grid would otherwise re-sort the page in memory.</summary>
    private sealed class ServerOrder : IComparer<object>
    {
        public static readonly ServerOrder Instance = new();

        public int Compare(object? x, object? y) => 0;
    }

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
        var filters = query.Keys.Where(k => k != "size").ToList();

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
