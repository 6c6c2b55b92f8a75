using ProposalPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Supervision;

/// <summary>
/// The deadline monitor on a FakeTimeProvider: it scans at start and at each midnight in 楚雄 (16:00 UTC), tells the
/// handler once per threshold, and a restarted monitor does not tell them again.
/// </summary>
public abstract class DeadlineMonitorTests
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    private static DeadlineMonitor NewMonitor(TestPortal portal) => new(
        portal.Get<DeadlineScanner>(), portal.Get<PortalClock>(), new ProposalPortal.Features.Nodes.SingleNodeLeadership(), portal.Get<IOptionsMonitor<SupervisionOptions>>(),
        NullLogger<DeadlineMonitor>.Instance);

    private static async Task WaitForScansAsync(DeadlineMonitor monitor, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (monitor.ScansCompleted < count)
        {
            Assert.True(DateTime.UtcNow < until, $"the monitor finished {monitor.ScansCompleted} scans, expected {count}");
            await Task.Delay(20);
        }
    }

    /// <summary>When the monitor, having scanned, has gone to sleep: the time it will wake.</summary>
    private static async Task<DateTimeOffset> SleepingUntilAsync(DeadlineMonitor monitor)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (monitor.NextScanAt is { } next)
            {
                return next;
            }

            Assert.True(DateTime.UtcNow < until, "the monitor did not go to sleep after its scan");
            await Task.Delay(20);
        }
    }

    private static async Task<List<Notice>> NoticesAsync(TestPortal portal, int proposalId)
    {
        await using var db = portal.Db();
        // The monitor's notices: the 交办 notice 五定 leaves is the steps' (NoticeChannelTests).
        return await db.Notices.Where(n => n.ProposalId == proposalId && n.Kind != NoticeKind.Assigned).OrderBy(n => n.Id).ToListAsync();
    }

    [ProviderFact]
    public async Task AtMidnightTheHandlerIsToldOnceThatAnItemIsDueSoonThenOnceThatItIsOverdueAndARestartRepeatsNothing()
    {
        // Saturday 2026-11-28, 10:00 in 楚雄.
        await using var portal = await TestPortal.StartAsync(provider: Provider);
        var world = await Scenario.CreateAsync(portal);
        var id = await world.StartedItemAsync(1, new DateOnly(2026, 11, 20), deadline: new DateOnly(2026, 12, 14));
        await world.StepAsync(id, world.Handler, (p, c) => p.LogCommunication(world.Handler,
            CommunicationStage.Before, CommunicationMethod.Phone, c.Today, "张三", "电话联系", c));
        var heard = new List<SupervisionChange>();
        using var subscription = portal.Get<ISupervisionNotifier>().Subscribe(c =>
        {
            lock (heard)
            {
                heard.Add(c);
            }

            return Task.CompletedTask;
        });

        var monitor = NewMonitor(portal);
        await monitor.StartAsync(CancellationToken.None);
        await WaitForScansAsync(monitor, 1);
        Assert.Empty(await NoticesAsync(portal, id)); // 16 days left: not yet due soon.

        // 23:59 in 楚雄: still the 28th. The monitor sleeps until midnight (16:00 UTC); the fake clock wakes a sleeper
        // inside Advance, so a clock short of its wake-up time leaves it asleep, with nothing scanned.
        var midnight = new DateTimeOffset(2026, 11, 28, 16, 0, 0, TimeSpan.Zero);
        Assert.Equal(midnight, await SleepingUntilAsync(monitor));
        portal.Time.Advance(TimeSpan.FromHours(13) + TimeSpan.FromMinutes(59));
        Assert.Equal(midnight, monitor.NextScanAt);
        Assert.Equal(1, monitor.ScansCompleted);

        // Midnight: the 29th, 15 days left.
        portal.Time.Advance(TimeSpan.FromMinutes(1));
        await WaitForScansAsync(monitor, 2);
        var dueSoon = Assert.Single(await NoticesAsync(portal, id));
        Assert.Equal(NoticeKind.DueSoon, dueSoon.Kind);
        Assert.Equal(world.Handler.StaffId, dueSoon.RecipientId);
        Assert.Equal($"{Scenario.Session}第1号提案将于2026年12月14日到期（剩15天），请抓紧办理", dueSoon.Text);
        lock (heard)
        {
            var crossing = Assert.Single(heard, c => c.Kind == SupervisionChangeKind.DeadlineCrossed);
            Assert.Contains(world.Handler.StaffId, crossing.NoticeRecipientIds);
            Assert.Contains(world.Handler.SectionId!.Value, crossing.SectionIds);
        }

        // The next midnight: still due soon, nothing new for the handler; the boards still hear that a day began
        // (days left count afresh), as they did at start.
        portal.Time.Advance(TimeSpan.FromDays(1));
        await WaitForScansAsync(monitor, 3);
        Assert.Single(await NoticesAsync(portal, id));
        lock (heard)
        {
            Assert.Equal(2, heard.Count(c => c.Kind == SupervisionChangeKind.NewDay));
            Assert.Contains(world.Handler.SectionId!.Value, heard[^1].SectionIds);
            Assert.Equal("2026年11月30日：按新的一天重新计算", heard[^1].Summary);
        }
        await monitor.StopAsync(CancellationToken.None);

        // A restart scans at once and finds the notice already sent.
        var restarted = NewMonitor(portal);
        await restarted.StartAsync(CancellationToken.None);
        await WaitForScansAsync(restarted, 1);
        Assert.Single(await NoticesAsync(portal, id));

        // The midnight after the deadline (the 15th): overdue, once.
        portal.Time.Advance(new DateTimeOffset(2026, 12, 14, 16, 0, 0, TimeSpan.Zero) - portal.Time.GetUtcNow());
        await WaitForScansAsync(restarted, 2);
        var notices = await NoticesAsync(portal, id);
        Assert.Equal([NoticeKind.DueSoon, NoticeKind.Overdue], notices.Select(n => n.Kind));
        Assert.Contains("已超过办理时限（2026年12月14日）", notices[1].Text);
        await restarted.StopAsync(CancellationToken.None);
        restarted.Dispose();
        monitor.Dispose();
    }

    [ProviderFact]
    public async Task TheFirstContactDeadlineCountsMakeUpWorkdaysSoItsNoticeComesTheMorningAfterTheEarlierDay()
    {
        // 2025: 国庆 1–8 October off, Sunday 28 September and Saturday 11 October are make-up working days. Assigned
        // Friday 26 September, the 15th working day is Thursday 23 October (a count without the make-up days would
        // end on Monday 27 October).
        await using var portal = await TestPortal.StartAsync(provider: Provider, now: new DateTimeOffset(2025, 10, 23, 2, 0, 0, TimeSpan.Zero));
        var world = await Scenario.CreateAsync(portal);
        var id = await world.StartedItemAsync(2, new DateOnly(2025, 9, 26), deadline: new DateOnly(2025, 12, 26));
        Assert.Equal(new DateOnly(2025, 10, 23), (await world.FindAsync(id)).FirstContactDueOn);

        var monitor = NewMonitor(portal);
        await monitor.StartAsync(CancellationToken.None);
        await WaitForScansAsync(monitor, 1);
        Assert.Empty(await NoticesAsync(portal, id)); // the last day to call is today

        portal.Time.Advance(TimeSpan.FromHours(14)); // midnight: Friday 24 October
        await WaitForScansAsync(monitor, 2);
        var notice = Assert.Single(await NoticesAsync(portal, id));
        Assert.Equal($"{Scenario.Session}第2号提案已过办前联系时限（2025年10月23日），尚未记录与提出人的联系", notice.Text);

        // Over the weekend nothing more is sent; logging the contact afterwards does not bring another notice either.
        await world.StepAsync(id, world.Handler, (p, c) => p.LogCommunication(world.Handler,
            CommunicationStage.Before, CommunicationMethod.Phone, c.Today, "张三", "电话联系", c));
        portal.Time.Advance(TimeSpan.FromDays(3));
        await WaitForScansAsync(monitor, 3);
        Assert.Single(await NoticesAsync(portal, id));
        await monitor.StopAsync(CancellationToken.None);
        monitor.Dispose();
    }

    [ProviderFact]
    public async Task TwoMonitorsRacingSendOneNotice()
    {
        await using var portal = await TestPortal.StartAsync(provider: Provider);
        var world = await Scenario.CreateAsync(portal);
        var id = await world.StartedItemAsync(3, new DateOnly(2026, 8, 20), deadline: new DateOnly(2026, 11, 20));

        var scanner = portal.Get<DeadlineScanner>();
        await Task.WhenAll(scanner.ScanAsync(), scanner.ScanAsync());

        await using var db = portal.Db();
        Assert.Single(await db.Notices.Where(n => n.ProposalId == id && n.Kind == NoticeKind.Overdue && n.Text.Contains("办理时限")).ToListAsync());
        Assert.Single(await db.DeadlineNoticesSent.Where(n => n.ProposalId == id && n.Threshold == DeadlineThreshold.Overdue).ToListAsync());
    }
}

/// <summary><see cref="DeadlineMonitorTests"/> on SQLite.</summary>
public sealed class DeadlineMonitorTestsOnSqlite : DeadlineMonitorTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="DeadlineMonitorTests"/> on PostgreSQL.</summary>
public sealed class DeadlineMonitorTestsOnPostgreSql : DeadlineMonitorTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
