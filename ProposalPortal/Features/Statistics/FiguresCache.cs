using System.Collections.Concurrent;
using ProposalPortal.Domain.Statistics;

namespace ProposalPortal.Features.Statistics;

/// <summary>
/// This node's copies of the year's figures (the bureau's and each section's), so that a closed year is read from
/// memory and the boards, the statistics page and the API do not count 10,000 items again for every screen.
/// <para>
/// A copy stands until a save touches that year's items (<see cref="FiguresInvalidation"/>, on the SaveChanges path, and
/// on the other nodes through <see cref="Nodes.NodeCacheInvalidation"/>), until the day changes (overdue counts move),
/// or until the rules it was computed with change (the calendar, the statistics and workflow options are compared by
/// reference: a reload or an edit of the calendar gives new instances).
/// </para>
/// A computation that overlaps an invalidation is handed to its callers but not kept: each year has a generation,
/// bumped by every invalidation, and a copy is used only while its generation is the year's current one.
/// </summary>
public sealed class FiguresCache
{
    private readonly ConcurrentDictionary<(int Year, int? SectionId), Entry> _entries = new();
    private readonly ConcurrentDictionary<int, long> _generations = new();
    private long _everyYear;
    private long _computations;

    /// <summary>How many times the figures were computed rather than read from a copy (a test seam).</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>
    /// The figures of <paramref name="year"/> (a section's when <paramref name="sectionId"/> is set) as computed under
    /// <paramref name="inputs"/>: this node's copy, or one computation shared by every caller that asks meanwhile.
    /// </summary>
    public async Task<YearFigures> GetOrComputeAsync(int year, int? sectionId, FigureInputs inputs,
        Func<Task<YearFigures>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var key = (year, sectionId);
        var generation = GenerationOf(year);
        if (_entries.TryGetValue(key, out var cached) && cached.Generation == generation && cached.Inputs == inputs
            && !cached.Figures.IsFaulted && !cached.Figures.IsCanceled)
        {
            return await cached.Figures.WaitAsync(cancellationToken);
        }

        // Not the caller's token: others may be waiting for the same computation.
        var entry = new Entry(generation, inputs, ComputeOnceAsync(compute));
        entry = _entries.AddOrUpdate(key, entry, (_, existing) =>
            existing.Generation == generation && existing.Inputs == inputs && !existing.Figures.IsFaulted && !existing.Figures.IsCanceled
                ? existing
                : entry);
        try
        {
            return await entry.Figures.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Figures.IsFaulted || entry.Figures.IsCanceled)
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>Drops the copies of these years (every section's too); a computation running now is not kept.</summary>
    public void Invalidate(IEnumerable<int> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        foreach (var year in years.Distinct())
        {
            _generations.AddOrUpdate(year, 1, (_, g) => g + 1);
            foreach (var key in _entries.Keys.Where(k => k.Year == year))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Drops every copy: a change that every year's figures read (a section's name, a work meeting of unknown year).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _everyYear);
        _entries.Clear();
    }

    private long GenerationOf(int year) => Interlocked.Read(ref _everyYear) + _generations.GetValueOrDefault(year);

    private async Task<YearFigures> ComputeOnceAsync(Func<Task<YearFigures>> compute)
    {
        Interlocked.Increment(ref _computations);
        // Off the caller's synchronization context, so the shared task never waits on one circuit's renderer.
        await Task.Yield();
        return await compute();
    }

    private sealed record Entry(long Generation, FigureInputs Inputs, Task<YearFigures> Figures);
}

/// <summary>
/// What the figures depend on besides the items: the day (overdue, due soon) and the rules in force. The objects are
/// compared by reference: the options monitor and the calendar hand out new instances when they change.
/// </summary>
public sealed record FigureInputs(DateOnly Today, object Calendar, object Statistics, object Workflow, object Deadlines);
