using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using ProposalPortal.Features.Supervision;

namespace ProposalPortal.Components.Layout;

/// <summary>
/// Asks for the static page again (an enhanced navigation to the same address) after a change its reader may see.
/// <para>
/// Spaced: at most one refresh per <see cref="SupervisionOptions.LiveRefreshMinIntervalMilliseconds"/>. Each refresh
/// renders the whole page on the server, and with many readers and frequent steps a list re-fetched on every change
/// was a large share of the server's work (BENCHMARKS.md, issue 17, session 7). A change that arrives within the
/// interval after a refresh schedules one more at the interval's end; changes until then ride on it. No change is
/// lost: every change is followed by a refresh that starts after it.
/// </para>
/// <para>
/// Not <see cref="NavigationManager.Refresh"/>: the circuit's implementation sends the refresh to the browser and, when
/// no answer comes (the user is leaving the page, the socket closes under the call, and the call times out), logs
/// "Failed to refresh" as an error and ends the circuit with an unhandled exception. The island calls the same
/// navigation itself (portal.js, <c>portal.refresh</c>), so that a refresh the page is no longer there to take is
/// dropped and logged at debug level, and none is started once the island is gone.
/// </para>
/// </summary>
public partial class LiveRefresh : IDisposable
{
    private bool _gone;
    private IDisposable? _subscription;
    private ITimer? _scheduled;
    private DateTimeOffset? _lastRefreshAt;

    /// <summary>
    /// The reader's section: only changes of that section's items refresh the page. Null for those who see every
    /// section. A plain value, since a static page hands an island only what it can serialize.
    /// </summary>
    [Parameter] public int? SectionId { get; set; }

    [Inject] private ISupervisionNotifier Notifier { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private IOptionsMonitor<SupervisionOptions> Options { get; set; } = default!;

    [Inject] private ILogger<LiveRefresh> Logger { get; set; } = default!;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _subscription = Notifier.Subscribe(OnChange);
            StateHasChanged(); // tests wait on data-connected before taking the step elsewhere
        }
    }

    private Task OnChange(SupervisionChange change)
    {
        if (change.IsVisibleTo(SectionId) && !_gone)
        {
            // Not awaited: the notifier waits for its subscribers, and the page's refresh is not the step's business.
            Dispatch(RequestRefreshAsync);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the renderer's context. A failure other than the page going (caught where the
    /// refresh is sent) is the circuit's, as any other unhandled exception of a component.
    /// </summary>
    private void Dispatch(Func<Task> work) => _ = InvokeAsync(async () =>
    {
        try
        {
            await work();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    /// <summary>On the renderer's context: refresh now, or at the interval's end when one ran lately.</summary>
    private Task RequestRefreshAsync()
    {
        if (_gone || _scheduled is not null)
        {
            // Gone, or a refresh is already scheduled: it starts after this change, so it shows it.
            return Task.CompletedTask;
        }

        var interval = TimeSpan.FromMilliseconds(Math.Max(0, Options.CurrentValue.LiveRefreshMinIntervalMilliseconds));
        var wait = _lastRefreshAt is { } last ? last + interval - Time.GetUtcNow() : TimeSpan.Zero;
        if (wait <= TimeSpan.Zero)
        {
            return RefreshAsync();
        }

        _scheduled = Time.CreateTimer(_ => Dispatch(RunScheduledAsync), null, wait, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    private Task RunScheduledAsync()
    {
        _scheduled?.Dispose();
        _scheduled = null;
        return _gone ? Task.CompletedTask : RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        _lastRefreshAt = Time.GetUtcNow();
        try
        {
            // Within the circuit's JS interop timeout (CircuitOptions.JSInteropDefaultCallTimeout), as every call.
            await JS.InvokeVoidAsync("portal.refresh");
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // The page is going: the browser navigated away (no answer within the timeout) or the circuit is closing.
            // There is nothing left to refresh, and the circuit must not end over it.
            LogRefreshDropped(Logger, e.GetType().Name);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Live refresh dropped: the page did not take it ({Reason})")]
    private static partial void LogRefreshDropped(ILogger logger, string reason);

    public void Dispose()
    {
        _gone = true;
        _subscription?.Dispose();
        _scheduled?.Dispose();
        GC.SuppressFinalize(this);
    }
}
