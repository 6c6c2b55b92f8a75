using System.Globalization;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Backup;

/// <summary>
/// Takes a backup every night at <c>Backup:TimeOfDay</c> in the bureau's time zone, on the portal's
/// <see cref="TimeProvider"/> (tests move time with a FakeTimeProvider), and keeps the newest <c>Backup:Keep</c>.
/// With several nodes only the node holding the jobs' lock takes it.
/// </summary>
public sealed class NightlyBackup(BackupService backups, PortalClock clock, IOptionsMonitor<BackupOptions> options,
    ProposalPortal.Features.Nodes.IJobLeadership leadership, ILogger<NightlyBackup> logger) : BackgroundService
{
    public const string By = "每日自动备份";

    private int _runs;

    /// <summary>Nightly backups attempted since start: tests wait on it.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>When the next nightly backup is due; null until the service has started waiting for it.</summary>
    public DateTimeOffset? NextRunAt
    {
        get { lock (_lock) { return _nextRunAt; } }
        private set { lock (_lock) { _nextRunAt = value; } }
    }

    private readonly Lock _lock = new();
    private DateTimeOffset? _nextRunAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.NightlyEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = UntilNext(clock, options.CurrentValue.TimeOfDay);
                var delay = Task.Delay(wait, clock.TimeProvider, stoppingToken);
                // Published once the timer is set, so a test that moves the clock after seeing it cannot miss it.
                NextRunAt = clock.Now + wait;
                await delay;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!leadership.IsLeader)
            {
                continue;
            }

            try
            {
                var result = await backups.CreateInFolderAsync(By, stoppingToken);
                if (!result.Outcome.IsOk)
                {
                    logger.LogError("Nightly backup failed: {Error}", result.Outcome.Error);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed night must neither stop the portal (a background service's exception would) nor tomorrow's backup.
                logger.LogError(e, "Nightly backup failed");
            }
            finally
            {
                Interlocked.Increment(ref _runs);
            }
        }
    }

    /// <summary>From now to the next <paramref name="timeOfDay"/> (HH:mm, local); a bad value means 02:30.</summary>
    internal static TimeSpan UntilNext(PortalClock clock, string timeOfDay)
    {
        var time = TimeOnly.TryParseExact(timeOfDay, "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : new TimeOnly(2, 30);
        var local = clock.LocalNow;
        var next = local.Date + time.ToTimeSpan();
        if (next <= local.DateTime)
        {
            next = next.AddDays(1);
        }

        var at = new DateTimeOffset(next, clock.Zone.GetUtcOffset(next));
        var wait = at - local;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
