using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// Each board scope's snapshot, computed once per change on this node and shared by every screen that shows it: the
/// Blazor boards (<see cref="LiveBoardBase"/>), the hub's clients (<see cref="SupervisionHubRelay"/>,
/// <see cref="SupervisionHub.GetBoard"/>). Before, every open board recomputed the year's figures on every change.
/// <para>
/// A scope is a year and what a board shows of it: the whole bureau, or one section (<see cref="BoardScope"/>). A change
/// makes stale the scopes that see it (<see cref="SupervisionChange.IsVisibleTo"/>); those with someone watching are
/// computed again. Bursts coalesce: the computation waits <see cref="SupervisionOptions.SnapshotDebounceMilliseconds"/>,
/// at most one runs per scope, and changes that arrive while it runs cause one more computation after it, not one each.
/// </para>
/// Every node hears every change (<see cref="ISupervisionNotifier.Subscribe"/>) and computes its own snapshots from the
/// shared database: nothing but the change itself travels between nodes.
/// </summary>
public sealed class BoardSnapshots : IDisposable
{
    private readonly ConcurrentDictionary<(int Year, int? SectionId), Slot> _slots = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly PortalClock _clock;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<SupervisionOptions> _options;
    private readonly ILogger<BoardSnapshots> _logger;
    private readonly IDisposable _subscription;
    private readonly BoardFactsStore _facts;
    private readonly ConditionalWeakTable<BoardSnapshot, ConcurrentDictionary<int, Lazy<Task<Actor?>>>> _readers = new();
    private long _computations;

    public BoardSnapshots(IServiceScopeFactory scopes, ISupervisionNotifier notifier, BoardFactsStore facts, PortalClock clock, TimeProvider time,
        IOptionsMonitor<SupervisionOptions> options, ILogger<BoardSnapshots> logger)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        _facts = facts;
        _scopes = scopes;
        _clock = clock;
        _time = time;
        _options = options;
        _logger = logger;
        _subscription = notifier.Subscribe(OnChange);
    }

    /// <summary>How many snapshots this node computed, all scopes together (a test seam and a benchmark figure).</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>How many snapshots of this scope this node computed (a test seam).</summary>
    public long ComputationsOf(int year, BoardScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _slots.TryGetValue((year, scope.SectionId), out var slot) ? Interlocked.Read(ref slot.Computations) : 0;
    }

    /// <summary>How many screens watch this scope on this node (a benchmark figure: the boards closed before it measures).</summary>
    public int WatchersOf(int year, BoardScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _slots.TryGetValue((year, scope.SectionId), out var slot) ? slot.Watchers.Count : 0;
    }

    /// <summary>
    /// The snapshot of <paramref name="scope"/> for <paramref name="year"/>: the shared one while no change came since,
    /// else the computation under way (or a new one). The caller must already have checked that the reader may see
    /// this scope (<see cref="BoardScope.For"/> from their current permissions).
    /// </summary>
    public Task<BoardSnapshot> GetAsync(int year, BoardScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var slot = SlotOf(year, scope);
        lock (slot)
        {
            if (slot.Current is { } current && !slot.Stale && slot.Running is null && current.Today == _clock.Today)
            {
                return Task.FromResult(current);
            }

            // A computation under way started after the last change it knows of: its snapshot is new enough.
            if (slot.Running is null)
            {
                slot.Stale = true;
            }

            return Start(slot, debounce: false).WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Calls <paramref name="onSnapshot"/> with each new snapshot of this scope until the handle is disposed. The
    /// callback must not block: a component hands it to its renderer with <c>InvokeAsync</c>. A watcher that comes
    /// <paramref name="first"/> is told, and awaited, before the others.
    /// </summary>
    public IDisposable Watch(int year, BoardScope scope, Func<BoardSnapshot, Task> onSnapshot, bool first = false)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(onSnapshot);
        var slot = SlotOf(year, scope);
        var watcher = new Watcher(slot, onSnapshot, first);
        lock (slot)
        {
            slot.Watchers = slot.Watchers.Add(watcher);
        }

        return watcher;
    }

    /// <summary>
    /// The reader of a board as they stand after the change that made <paramref name="snapshot"/>, read from the database
    /// once per person and snapshot, not once per open screen: a board re-reads its reader's permissions on every change
    /// (a deactivated account stops hearing, a moved one sees its new section), and 200 boards open for one leader made
    /// that 400 queries per change, all answering the same question at the same moment.
    /// </summary>
    public Task<Actor?> ReaderAsync(BoardSnapshot snapshot, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(user);
        if (CurrentActor.StaffIdOf(user) is not { } staffId)
        {
            return Task.FromResult<Actor?>(null);
        }

        // Held as long as the snapshot is: the next change's snapshot reads afresh.
        var readers = _readers.GetValue(snapshot, _ => new ConcurrentDictionary<int, Lazy<Task<Actor?>>>());
        return readers.GetOrAdd(staffId, _ => new Lazy<Task<Actor?>>(() => ReadAsync(user))).Value;
    }

    private async Task<Actor?> ReadAsync(ClaimsPrincipal user)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await CurrentActor.ForAsync(user, scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>());
    }

    public void Dispose() => _subscription.Dispose();

    private Slot SlotOf(int year, BoardScope scope) => _slots.GetOrAdd((year, scope.SectionId), key => new Slot(key.Year, new BoardScope(key.SectionId)));

    private Task OnChange(SupervisionChange change)
    {
        // The change's items are read again by the computations it starts, whichever subscriber the notifier calls first.
        _facts.Changed(change);
        foreach (var slot in _slots.Values)
        {
            // A change does not say its item's year: every year's scope that sees it is made stale (the figures of a
            // closed year are read from FiguresCache, so a board of another year costs only its lists).
            if (change.Kind != SupervisionChangeKind.NewDay && !change.IsVisibleTo(slot.Scope.SectionId))
            {
                continue;
            }

            lock (slot)
            {
                slot.Stale = true;
                if (!slot.Watchers.IsEmpty)
                {
                    Start(slot, debounce: true);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Under the slot's lock: the computation under way, or a new one.</summary>
    private Task<BoardSnapshot> Start(Slot slot, bool debounce)
    {
        // Task.Run: the loop takes the slot's lock, which the caller holds until Running is set.
        return slot.Running ??= Task.Run(() => RunAsync(slot, debounce));
    }

    // Started by a change (debounce) its snapshots go to the watchers; started by a reader (the first board to open,
    // a new day noticed before the monitor's change) only to that reader: the watchers already hold the same figures.
    private async Task<BoardSnapshot> RunAsync(Slot slot, bool debounce)
    {
        var deliver = debounce;
        try
        {
            while (true)
            {
                if (debounce && _options.CurrentValue.SnapshotDebounceMilliseconds is > 0 and var window)
                {
                    // The rest of a burst arrives meanwhile and is covered by this one computation.
                    await Task.Delay(TimeSpan.FromMilliseconds(window), _time);
                }

                lock (slot)
                {
                    slot.Stale = false;
                }

                var snapshot = await ComputeAsync(slot);
                ImmutableList<Watcher> watchers;
                bool again;
                lock (slot)
                {
                    slot.Current = snapshot;
                    watchers = slot.Watchers;
                    // Changes that came during the computation: once more, for all of them, if anyone is watching.
                    again = slot.Stale && !watchers.IsEmpty;
                    if (!again)
                    {
                        slot.Running = null;
                    }
                }

                if (deliver)
                {
                    // The hub's clients first (BoardAudience: one message serialized once, written to each socket), then
                    // the circuits: otherwise that send waits behind every open board's render for the same cores.
                    await Task.WhenAll(watchers.Where(w => w.First).Select(w => DeliverAsync(w, snapshot)));
                    await Task.WhenAll(watchers.Where(w => !w.First).Select(w => DeliverAsync(w, snapshot)));
                }

                if (!again)
                {
                    return snapshot;
                }

                debounce = deliver = true;
            }
        }
        catch (Exception e)
        {
            lock (slot)
            {
                slot.Running = null;
                slot.Stale = true;
            }

            _logger.LogWarning(e, "The board snapshot of {Year} for section {Section} could not be computed", slot.Year, slot.Scope.SectionId);
            throw;
        }
    }

    private async Task<BoardSnapshot> ComputeAsync(Slot slot)
    {
        Interlocked.Increment(ref _computations);
        Interlocked.Increment(ref slot.Computations);
        await using var scope = _scopes.CreateAsyncScope();
        var snapshot = await scope.ServiceProvider.GetRequiredService<BoardService>().GetAsync(slot.Year, slot.Scope, CancellationToken.None);
        // Each panel's data stays the previous snapshot's object when it did not change, decided here once for every
        // board of the scope: a board then re-renders only the panels handed another object (BoardPanel).
        BoardSnapshot? previous;
        lock (slot)
        {
            previous = slot.Current;
        }

        return snapshot with { Parts = snapshot.Parts.Reusing(previous?.Parts) };
    }

    private async Task DeliverAsync(Watcher watcher, BoardSnapshot snapshot)
    {
        try
        {
            await watcher.OnSnapshot(snapshot);
        }
#pragma warning disable CA1031 // One screen's failure (a closed circuit) must not keep the snapshot from the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogWarning(e, "A board failed to take its new snapshot");
        }
    }

    private sealed class Slot(int year, BoardScope scope)
    {
        public int Year { get; } = year;
        public BoardScope Scope { get; } = scope;
        public BoardSnapshot? Current { get; set; }
        public bool Stale { get; set; } = true;
        public Task<BoardSnapshot>? Running { get; set; }
        public ImmutableList<Watcher> Watchers { get; set; } = [];
#pragma warning disable CA1051 // Counted with Interlocked, which needs a field.
        public long Computations;
#pragma warning restore CA1051
    }

    private sealed class Watcher(Slot slot, Func<BoardSnapshot, Task> onSnapshot, bool first) : IDisposable
    {
        public Func<BoardSnapshot, Task> OnSnapshot { get; } = onSnapshot;

        public bool First { get; } = first;

        public void Dispose()
        {
            lock (slot)
            {
                slot.Watchers = slot.Watchers.Remove(this);
            }
        }
    }
}
