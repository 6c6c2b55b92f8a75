using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Features.Common;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Demo;

/// <summary>
/// The demo loaded in the small hours: the current year's batch has steps "today", which run at 09:00, 09:01 … on other
/// days. Before 09:59 those times are still to come, and a step a user took right after start-up sorted below them on
/// the boards' activity feed and every timeline (a browser test failed so between 00:00 and 10:00 Beijing time).
/// </summary>
public sealed class DemoEarlyMorningTests : IAsyncLifetime
{
    // 00:30 on Monday 2026年11月30日 in Beijing (a working day: the demo moves a step due on a rest day to the working day before).
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 16, 30, 0, TimeSpan.Zero);

    private TestPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await TestPortal.StartAsync(demo: true, now: Now);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task NoStepIsDatedAfterTheDemoWasLoadedAndTodaysStepsKeepTheirOrder()
    {
        var clock = _portal.Get<PortalClock>();
        var entries = await _portal.Scoped<PortalDbContext>().AuditEntries.AsNoTracking()
            .Select(e => new { e.Id, e.ProposalId, e.At })
            .ToListAsync();

        var latest = entries.MaxBy(e => e.At)!;
        Assert.True(latest.At <= Now, $"an audit line is dated {latest.At:O}, after the demo was loaded at {Now:O}");

        // Today's steps are still there, on today's date, each item's in the order they were taken.
        var today = entries.Where(e => clock.LocalDate(e.At) == clock.Today).ToList();
        Assert.NotEmpty(today);
        foreach (var item in today.GroupBy(e => e.ProposalId))
        {
            var byId = item.OrderBy(e => e.Id).Select(e => e.At).ToList();
            Assert.Equal(byId.Order().ToList(), byId);
        }
    }
}
