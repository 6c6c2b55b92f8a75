using Microsoft.Extensions.Options;

namespace ProposalPortal.Features.Common;

/// <summary>
/// The one clock: every "now" and "today" of the portal comes from here, from <see cref="TimeProvider"/>
/// (tests inject a FakeTimeProvider), with "today" counted in the bureau's time zone.
/// </summary>
public sealed class PortalClock(TimeProvider time, IOptions<PortalOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeProvider TimeProvider => time;

    /// <summary>The instant, in UTC (stored as is).</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The instant in the bureau's time zone, for display.</summary>
    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(Now, _zone);

    /// <summary>Today's date in the bureau's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(LocalNow.DateTime);

    public TimeZoneInfo Zone => _zone;

    /// <summary>The bureau's calendar date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);
}
