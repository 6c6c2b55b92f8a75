using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Tests.Features;

public sealed class PortalClockTests
{
    [Fact]
    public void TodayIsCountedInTheBureausTimeZoneNotTheServers()
    {
        // 2026-11-27 17:00 UTC is already 2026-11-28 01:00 in 楚雄.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero));
        var clock = new PortalClock(time, Options.Create(new PortalOptions()));

        Assert.Equal(new DateOnly(2026, 11, 28), clock.Today);

        time.Advance(TimeSpan.FromHours(22));
        Assert.Equal(new DateOnly(2026, 11, 28), clock.Today); // 23:00 in 楚雄
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new DateOnly(2026, 11, 29), clock.Today);
        Assert.Equal(TimeSpan.Zero, clock.Now.Offset);
    }
}
