using System.Collections.Concurrent;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;

namespace ProposalPortal.Features.Statistics;

/// <summary>
/// This node's copy of each year's per-item facts (<see cref="YearFactsQuery"/>), kept current item by item, so that the
/// figures after a change cost the changed items' facts and one pass of <see cref="FigureRules"/>, not a read of the
/// year's 10,000 items (BENCHMARKS.md, "Issue 17, session 8").
/// <para>
/// A year is read whole on first use. Every committed save that touches items tells the store which (through
/// <see cref="FiguresInvalidation"/>, on this node and, over the node bus, on the others); the next read of that year
/// reads those items again, by id, and only them. A change whose items are not known (a message naming a year alone)
/// makes the next read take the year whole. The facts hold no date-dependent value (today is applied by
/// <see cref="FigureRules"/> when it computes), so they need nothing when the day changes; a change of the satisfaction
/// rule reads the year whole again.
/// </para>
/// Reads of one year are one at a time (a refresh must not overtake another with older rows); the changes noted meanwhile
/// wait for the next read, so a read never loses a change it did not see.
/// </summary>
public sealed class YearFactsStore
{
    /// <summary>Above this many changed items of one year, the year is read whole (a long id list costs more than the walk).</summary>
    public const int MostItemsReadAlone = KeptYear<YearItem>.MostReadAlone;

    private readonly ConcurrentDictionary<int, YearEntry> _years = new();
    private long _wholeReads;
    private long _itemReads;

    /// <summary>How many times a year was read whole (a test and benchmark seam).</summary>
    public long WholeReads => Interlocked.Read(ref _wholeReads);

    /// <summary>How many times changed items were read again (a test seam).</summary>
    public long ItemReads => Interlocked.Read(ref _itemReads);

    /// <summary>
    /// Raised with what every change noted here names: items of a year (null: of a year not known), and which (null: not
    /// known, the year is read whole). The board's facts (<c>BoardFactsStore</c>) are kept current from the same saves.
    /// </summary>
    public event Action<int?, IReadOnlyCollection<int>?>? ItemsChanged;

    /// <summary>Items of <paramref name="year"/> changed (their ids; null when not known: the year is read whole next).</summary>
    public void Changed(int year, IReadOnlyCollection<int>? ids)
    {
        ItemsChanged?.Invoke(year, ids);
        if (_years.TryGetValue(year, out var entry))
        {
            entry.Mark(ids);
        }
    }

    /// <summary>Items of a year not known changed: each year held reads them again (those not its own are not found).</summary>
    public void ChangedInSomeYear(IReadOnlyCollection<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ItemsChanged?.Invoke(null, ids);
        foreach (var entry in _years.Values)
        {
            entry.Mark(ids);
        }
    }

    /// <summary>Every year is read whole on its next use (a message this node cannot read).</summary>
    public void ForgetAll()
    {
        ItemsChanged?.Invoke(null, null);
        foreach (var entry in _years.Values)
        {
            entry.Mark(null);
        }
    }

    /// <summary>
    /// The facts of every item of <paramref name="year"/>, as of the last committed change this node heard of: the copy,
    /// with the items changed since read again (or the year read whole on first use).
    /// </summary>
    public async Task<YearFacts> GetAsync(PortalDbContext db, int year, SatisfactionRule rule, CancellationToken cancellationToken)
    {
        var entry = _years.GetOrAdd(year, _ => new YearEntry());
        await entry.Kept.Gate.WaitAsync(cancellationToken);
        try
        {
            var rereadWhole = entry.Rule != rule;
            switch (await entry.Kept.RefreshAsync(rereadWhole, ids => YearFactsQuery.ReadAsync(db, year, ids, rule, cancellationToken)))
            {
                case true:
                    Interlocked.Increment(ref _wholeReads);
                    entry.Rule = rule;
                    entry.Facts = null;
                    break;
                case false:
                    Interlocked.Increment(ref _itemReads);
                    entry.Facts = null;
                    break;
            }

            // The lists handed out are never changed afterwards: a computation running over them needs no lock.
            return entry.Facts ??= YearFacts.Of(entry.Kept.Items!.Values);
        }
        finally
        {
            entry.Kept.Gate.Release();
        }
    }

    /// <summary>
    /// A count over <paramref name="year"/>'s items (the year before's received items, in a later year's figures), kept
    /// until any of that year's items changes.
    /// </summary>
    public async Task<int> CountAsync(int year, object scope, Func<Task<int>> count)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(count);
        var entry = _years.GetOrAdd(year, _ => new YearEntry());
        // The version before the count: a change committed meanwhile leaves a count that is never used.
        var version = entry.Version;
        if (entry.Counts.TryGetValue(scope, out var known) && known.Version == version)
        {
            return known.Value;
        }

        var value = await count();
        entry.Counts[scope] = (version, value);
        return value;
    }

    private sealed class YearEntry
    {
        private long _version;

        public KeptYear<YearItem> Kept { get; } = new();

        public SatisfactionRule Rule { get; set; }

        public YearFacts? Facts { get; set; }

        public ConcurrentDictionary<object, (long Version, int Value)> Counts { get; } = new();

        public long Version => Interlocked.Read(ref _version);

        public void Mark(IReadOnlyCollection<int>? ids)
        {
            // The version first: a count read meanwhile is then kept under the old version and never used.
            Interlocked.Increment(ref _version);
            Kept.Note(ids);
        }
    }
}

/// <summary>A year's facts as the figures take them: every item's, and every (item, topic) pair, in id order.</summary>
public sealed record YearFacts(IReadOnlyList<ProposalFacts> Items, IReadOnlyList<(int ProposalId, string Topic)> Topics)
{
    public static YearFacts Of(IEnumerable<YearItem> items)
    {
        var ordered = items.OrderBy(i => i.Facts.Id).ToList();
        return new YearFacts(
            ordered.ConvertAll(i => i.Facts),
            [.. ordered.SelectMany(i => i.Topics.Select(t => (i.Facts.Id, t)))]);
    }
}
