using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Backup;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Backup;

/// <summary>The nightly backup: at the configured time in the bureau's zone, keeping the newest Backup:Keep.</summary>
public sealed class NightlyBackupTests
{
    [Fact]
    public async Task AtTheConfiguredTimeABackupIsTakenAndOnlyTheNewestAreKept()
    {
        await using var portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Backup:TimeOfDay"] = "02:30",
            ["Backup:Keep"] = "2",
        });
        var folder = portal.Get<BackupService>().Folder;
        Directory.CreateDirectory(folder);
        foreach (var day in new[] { "20261125", "20261126", "20261127" })
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"portal-{day}-023000.zip"), "older backup");
        }

        using var nightly = new NightlyBackup(portal.Get<BackupService>(), portal.Clock, portal.Get<IOptionsMonitor<BackupOptions>>(), new ProposalPortal.Features.Nodes.SingleNodeLeadership(),
            NullLogger<NightlyBackup>.Instance);
        await nightly.StartAsync(CancellationToken.None);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (nightly.NextRunAt is null)
        {
            await Task.Delay(10, patience.Token);
        }

        // 2026-11-28 10:00 in 楚雄 → 2026-11-29 02:30.
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 18, 30, 0, TimeSpan.Zero), nightly.NextRunAt);
        portal.Time.Advance(TimeSpan.FromHours(16.5));
        while (nightly.Runs == 0)
        {
            await Task.Delay(10, patience.Token);
        }

        await nightly.StopAsync(CancellationToken.None);
        Assert.Equal(["portal-20261127-023000.zip", "portal-20261129-023000.zip"],
            Directory.GetFiles(folder, "portal-*.zip").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Path.Combine(folder, "portal-20261129-023000.zip"), portal.Get<BackupStatusStore>().Read(folder)!.LastSuccessFile);
    }

    [Theory]
    [InlineData("02:30", 16.5)]
    [InlineData("10:00", 24)]
    [InlineData("23:15", 13.25)]
    [InlineData("not a time", 16.5)]
    public async Task TheWaitRunsToTheNextConfiguredTimeOfDay(string timeOfDay, double hours)
    {
        await using var portal = await TestPortal.StartAsync();

        Assert.Equal(TimeSpan.FromHours(hours), NightlyBackup.UntilNext(portal.Clock, timeOfDay));
    }
}
