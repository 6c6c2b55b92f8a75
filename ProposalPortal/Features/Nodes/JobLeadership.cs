using Medallion.Threading.Postgres;

namespace ProposalPortal.Features.Nodes;

/// <summary>
/// Which node runs the scheduled jobs (the midnight deadline monitor, the nightly backup): exactly one at a time.
/// </summary>
public interface IJobLeadership
{
    /// <summary>Whether this node runs the jobs now.</summary>
    bool IsLeader { get; }

    /// <summary>Completes once this node runs the jobs (at once when it already does).</summary>
    Task WaitUntilLeaderAsync(CancellationToken cancellationToken);
}

/// <summary>SQLite means one server: it runs the jobs, as it always has.</summary>
public sealed class SingleNodeLeadership : IJobLeadership
{
    public bool IsLeader => true;

    public Task WaitUntilLeaderAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// On PostgreSQL every node waits for one session-level advisory lock; the node holding it runs the jobs. The lock
/// lives as long as the holder's connection: when that node stops or dies, PostgreSQL ends its session, the lock is
/// free and the next waiting node takes it (within the keepalive, for a connection that dies without a word).
/// </summary>
public sealed class PostgresJobLeadership(string connectionString, TimeProvider time, ILogger<PostgresJobLeadership> logger) : BackgroundService, IJobLeadership
{
    /// <summary>The lock's name; hashed into PostgreSQL's 64-bit advisory-lock key.</summary>
    public const string LockName = "ProposalPortal.ScheduledJobs";

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly PostgresDistributedLock _lock = new(new PostgresAdvisoryLockKey(LockName, allowHashing: true), connectionString,
        // A keepalive notices a connection that died silently, so the handle says it is lost and this node steps down.
        options => options.KeepaliveCadence(TimeSpan.FromSeconds(15)));

    private TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsLeader => _leading.Task.IsCompleted;

    public Task WaitUntilLeaderAsync(CancellationToken cancellationToken) => _leading.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var handle = await _lock.AcquireAsync(cancellationToken: stoppingToken);
                logger.LogInformation("This node now runs the scheduled jobs");
                _leading.TrySetResult();
                var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (handle.HandleLostToken.Register(() => lost.TrySetResult()))
                using (stoppingToken.Register(() => lost.TrySetResult()))
                {
                    await lost.Task;
                }

                _leading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("This node lost the scheduled jobs' lock (database connection lost); waiting to take it again");
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database being away must not stop this node from taking the jobs later.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _leading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                logger.LogWarning(e, "Could not wait for the scheduled jobs' lock; retrying");
                try
                {
                    await Task.Delay(RetryAfterFailure, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
