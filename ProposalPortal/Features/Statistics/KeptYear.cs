namespace ProposalPortal.Features.Statistics;

/// <summary>
/// One year's per-item rows kept on this node, and the items changed since they were read: every change notes its ids
/// here, and the next read takes them and reads only those again (or the whole year). The year's figures
/// (<see cref="YearFactsStore"/>) and the boards' facts (<see cref="Supervision.BoardFactsStore"/>) keep the same year
/// in two shapes, each in one of these.
/// <para>
/// Reads are one at a time (<see cref="Gate"/>): a read must not overtake another with older rows. The changes noted
/// meanwhile wait for the next read, so a read never loses a change it did not see.
/// </para>
/// </summary>
public sealed class KeptYear<TItem>
{
    /// <summary>Above this many changed items of one year, the year is read whole (a long id list costs more than the walk).</summary>
    public const int MostReadAlone = 200;

    private readonly Lock _lock = new();
    private HashSet<int> _ids = [];
    private bool _whole;
    private bool _noting;

    /// <summary>Held by the reader while it calls <see cref="RefreshAsync"/> and uses <see cref="Items"/>.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Every item of the year by id, as of the last read; null before the first.</summary>
    public Dictionary<int, TItem>? Items { get; private set; }

    /// <summary>
    /// Notes changed items; null for a change that names none (the whole year). Until the year is first read nothing is
    /// noted: that read is whole anyway.
    /// </summary>
    public void Note(IReadOnlyCollection<int>? ids)
    {
        lock (_lock)
        {
            if (!_noting)
            {
                return;
            }

            if (ids is null)
            {
                _whole = true;
            }
            else
            {
                _ids.UnionWith(ids);
                _whole |= _ids.Count > MostReadAlone;
            }

            if (_whole)
            {
                // The year will be read whole: no need to keep the ids.
                _ids.Clear();
            }
        }
    }

    /// <summary>
    /// Under <see cref="Gate"/>: brings <see cref="Items"/> up to date with <paramref name="read"/> (null ids: the whole
    /// year), reading the whole year on first use, when <paramref name="readWhole"/> says so, or when a change named no
    /// ids or too many. Returns true when it read the whole year, false when it read changed items by id, null when
    /// nothing had changed. A change committed before this call is in what it reads, so a change noted only after it is
    /// not lost either; a failed read leaves its changes for the next.
    /// </summary>
    public async Task<bool?> RefreshAsync(bool readWhole, Func<IReadOnlyCollection<int>?, Task<Dictionary<int, TItem>>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (whole, ids) = Take();
        try
        {
            if (Items is null || whole || readWhole)
            {
                Items = await read(null);
                return true;
            }

            if (ids.Count == 0)
            {
                return null;
            }

            var fresh = await read(ids);
            foreach (var id in ids)
            {
                if (fresh.TryGetValue(id, out var item))
                {
                    Items[id] = item;
                }
                else
                {
                    Items.Remove(id);
                }
            }

            return false;
        }
        catch
        {
            Note(whole ? null : ids);
            throw;
        }
    }

    private (bool Whole, IReadOnlyCollection<int> Ids) Take()
    {
        lock (_lock)
        {
            _noting = true;
            var taken = (_whole, _ids);
            (_whole, _ids) = (false, []);
            return taken;
        }
    }
}
