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
}
