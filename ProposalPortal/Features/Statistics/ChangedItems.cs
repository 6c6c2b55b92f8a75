namespace ProposalPortal.Features.Statistics;

/// <summary>
/// The items of one kept year changed since it was last read: every change notes its ids here, and the next read takes
/// them and reads only those again (or the whole year). The year's figures (<see cref="YearFactsStore"/>) and the
/// boards' facts (<see cref="Supervision.BoardFactsStore"/>) keep the same year in two shapes, each with one of these.
/// </summary>
internal sealed class ChangedItems
{
    /// <summary>Above this many changed items of one year, the year is read whole (a long id list costs more than the walk).</summary>
    public const int MostReadAlone = 200;

    private readonly Lock _lock = new();
    private HashSet<int> _ids = [];
    private bool _whole;
    private bool _noting;

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
    /// What changed since the last take, for the read about to start; from now on every change is noted. A change
    /// committed before this call is in the read that follows it, so a change noted only after it is not lost either.
    /// </summary>
    public (bool Whole, IReadOnlyCollection<int> Ids) Take()
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
