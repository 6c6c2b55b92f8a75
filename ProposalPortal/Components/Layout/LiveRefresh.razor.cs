using System.Threading.Channels;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using ProposalPortal.Features.Supervision;

namespace ProposalPortal.Components.Layout;

/// <summary>
/// Asks for the static page again (an enhanced navigation to the same address) after a change that can alter what the
/// page shows its reader.
/// <para>
/// Only such a change: <see cref="LiveRefreshRelevance"/> decides from what the page hands over (<see cref="Scope"/>: its
/// rows, its total, its filter). Every refresh renders the whole page on the server, and with a hundred thousand items
/// most steps touch no row a given reader sees; refreshing every open list on every step of its section was a burst of
/// renders the other requests queued behind (BENCHMARKS.md, issue 17, session 9). Changes are weighed one batch at a
/// time, off the renderer: those that arrive while one is weighed are weighed together next, in one lookup.
/// </para>
/// <para>
/// While the browser is away (the circuit is kept for the retention period, <see cref="CircuitConnection"/>), nothing is
/// sent: a refresh would wait for the JS interop timeout with nobody to take it. The changed items are kept, and weighed
/// once when the browser comes back.
/// </para>
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
    private long _lastSentTicks; // _lastRefreshAt's UTC ticks, read by the weighing loop (0: none sent yet)
    private IDisposable? _reconnection;
    private readonly Channel<SupervisionChange> _changes = Channel.CreateUnbounded<SupervisionChange>(new UnboundedChannelOptions { SingleReader = true });

    // Changes heard while the browser was away, weighed when it comes back (only the weighing loop touches them).
    private readonly HashSet<int> _heldIds = [];
    private bool _heldRefresh;
    private bool _heldAny;

    /// <summary>More items changed than this in one batch (a long absence, an import): refresh without weighing them.</summary>
    private const int MaxHeldIds = 500;

    /// <summary>
    /// The reader's section: only changes of that section's items refresh the page. Null for those who see every
    /// section. A plain value, since a static page hands an island only what it can serialize.
    /// </summary>
    [Parameter] public int? SectionId { get; set; }

    /// <summary>What the page shows; null for a page any change may alter (首页's figures), which every change refreshes.</summary>
    [Parameter] public LiveRefreshScope? Scope { get; set; }

    // Resolved when the island connects: a static render (the page's own, or a test's) never weighs a change.
    [Inject] private IServiceProvider Services { get; set; } = default!;

    private LiveRefreshRelevance? _relevance;

    [Inject] private CircuitConnection Connection { get; set; } = default!;

    [Inject] private ISupervisionNotifier Notifier { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private IOptionsMonitor<SupervisionOptions> Options { get; set; } = default!;

    [Inject] private ILogger<LiveRefresh> Logger { get; set; } = default!;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _relevance = Services.GetRequiredService<LiveRefreshRelevance>();
            _subscription = Notifier.Subscribe(OnChange);
            _reconnection = Connection.OnReconnected(() =>
            {
                _changes.Writer.TryWrite(BrowserBack);
                return Task.CompletedTask;
            });
            _ = Task.Run(WeighChangesAsync);
            StateHasChanged(); // tests wait on data-connected before taking the step elsewhere
        }
    }

    private Task OnChange(SupervisionChange change)
    {
        if (!change.IsVisibleTo(SectionId) || _gone)
        {
            return Task.CompletedTask;
        }

        if (Scope is null && Connection.IsConnected)
        {
            // A page any change may alter: nothing to weigh. Not awaited: the notifier waits for its subscribers, and
            // the page's refresh is not the step's business.
            Dispatch(RequestRefreshAsync);
        }
        else
        {
            // Weighed off the notifier's call, in order (WeighChangesAsync).
            _changes.Writer.TryWrite(change);
        }

        return Task.CompletedTask;
    }

    /// <summary>A marker in the queue: the browser came back, so what was held is weighed now.</summary>
    private static readonly SupervisionChange BrowserBack = new(SupervisionChangeKind.Step, [], [], default, string.Empty, []);

    /// <summary>
    /// The island's one weighing loop: takes the changes queued so far, asks whether together they can alter the page,
    /// and asks for a refresh when they can. One batch at a time, so a later change is never weighed before an earlier one.
    /// </summary>
    private async Task WeighChangesAsync()
    {
        var reader = _changes.Reader;
        var batch = new List<SupervisionChange>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            try
            {
                await WeighAsync(batch);
            }
#pragma warning disable CA1031 // Reported to the circuit's error handling, as any other unhandled exception of a component.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (!_gone)
                {
                    await InvokeAsync(() => DispatchExceptionAsync(e));
                }
            }
        }
    }

    private async Task WeighAsync(List<SupervisionChange> batch)
    {
        foreach (var change in batch.Where(c => !ReferenceEquals(c, BrowserBack)))
        {
            _heldAny = true;
            _heldRefresh |= change.Kind == SupervisionChangeKind.NewDay || change.ProposalIds.Count == 0;
            _heldIds.UnionWith(change.ProposalIds);
        }

        if (_gone || !_heldAny || !Connection.IsConnected)
        {
            // Nothing new, or nobody to show it to: held until the browser comes back (its BrowserBack runs this again).
            return;
        }

        var ids = _heldIds.ToList();
        var scope = Scope;
        // A refresh sent after this page was drawn has not come back as new parameters yet: what the browser will show
        // is newer than the scope, so the scope cannot say the page stays as it is.
        var sent = Volatile.Read(ref _lastSentTicks);
        var certain = _heldRefresh || ids.Count > MaxHeldIds || scope is null || (sent != 0 && scope.DrawnAt.UtcTicks < sent);
        _heldIds.Clear();
        _heldRefresh = false;
        _heldAny = false;

        // A refresh already due starts after these changes were committed, so it shows them: nothing to weigh.
        if (Volatile.Read(ref _scheduled) is not null)
        {
            return;
        }

        if (certain || await _relevance!.ConcernsAsync(scope, ids, newDay: false))
        {
            Dispatch(RequestRefreshAsync);
        }
    }

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
        Volatile.Write(ref _lastSentTicks, _lastRefreshAt.Value.UtcTicks);
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
        _reconnection?.Dispose();
        _changes.Writer.TryComplete();
        _scheduled?.Dispose();
        GC.SuppressFinalize(this);
    }
}
