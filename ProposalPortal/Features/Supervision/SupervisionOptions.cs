namespace ProposalPortal.Features.Supervision;

/// <summary>The supervision boards and the deadline monitor. Bound from "Supervision".</summary>
public sealed class SupervisionOptions
{
    public const string SectionName = "Supervision";

    /// <summary>Forecast: items whose deadline falls within this many working days...</summary>
    public int ForecastWorkingDays { get; set; } = 10;

    /// <summary>...and on which no step was taken for at least this many calendar days.</summary>
    public int ForecastIdleDays { get; set; } = 14;

    /// <summary>How many of the latest transitions the activity feed shows.</summary>
    public int ActivityCount { get; set; } = 20;

    /// <summary>Whether the deadline monitor runs (at start and at every local midnight).</summary>
    public bool DeadlineMonitorEnabled { get; set; } = true;

    /// <summary>
    /// How long a board scope's snapshot waits after a change before it is computed, so that a burst of changes (an
    /// import, a batch of steps) is computed once (<see cref="BoardSnapshots"/>). 0: no wait; changes that arrive
    /// while a computation runs are still covered by one more computation, not one each.
    /// </summary>
    public int SnapshotDebounceMilliseconds { get; set; } = 50;

    /// <summary>
    /// How many rows the boards' 超期 and 临期 lists show, the most urgent first; the heading counts them all and 查看全部
    /// opens the item list filtered the same way. Every open board is a circuit that renders its lists and sends the
    /// difference on each change: the current year's ~2,500 overdue rows made a change cost seconds per screen.
    /// </summary>
    public int BoardListRows { get; set; } = 10;

    /// <summary>
    /// The least time between two live refreshes of one open static page (the item list, 我的待办, 落实承诺, the home
    /// page: <c>LiveRefresh</c>). Each refresh renders the whole page again on the server; changes within the interval
    /// after a refresh are shown by one more refresh at its end, so none is lost. 0: a refresh on every change.
    /// </summary>
    public int LiveRefreshMinIntervalMilliseconds { get; set; } = 2000;
}
