using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Nodes;

namespace ProposalPortal.Features.Notices;

/// <summary>Wakes the outbox worker: a step has just committed notices, or the administrator asked for a retry.</summary>
public sealed class NoticeOutboxSignal
{
    private TaskCompletionSource _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => _woken.TrySetResult();

    /// <summary>Completes when woken or after <paramref name="wait"/> on the portal's clock, whichever comes first.</summary>
    internal async Task WaitAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var woken = _woken.Task;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(woken, Task.Delay(wait, time, stop.Token));
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (woken.IsCompleted)
        {
            _woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

/// <summary>After a committed save that wrote notices, wakes the worker at once (the steps of other nodes it polls for).</summary>
public sealed class NoticeOutboxWakeHandler(NoticeOutboxSignal signal) : IProposalEventHandler
{
    public Task HandleAsync(CommittedEvents committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(committed);
        if (committed.NoticeRecipientIds.Count > 0)
        {
            signal.Wake();
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Runs the <see cref="NoticeOutbox"/>: on the node that runs the scheduled jobs only (<see cref="IJobLeadership"/>),
/// so that with several nodes each message goes out once. Woken by committed notices and retries, else it looks again
/// at the next retry, the next digest or every <see cref="NoticeOptions.PollSeconds"/>, whichever is first.
/// </summary>
public sealed class NoticeOutboxWorker(
    NoticeOutbox outbox,
    NoticeOutboxSignal signal,
    IJobLeadership leadership,
    PortalClock clock,
    IOptionsMonitor<NoticeOptions> options,
    ILogger<NoticeOutboxWorker> logger) : BackgroundService
{
    private int _passes;

    /// <summary>Passes finished since start: tests wait on it.</summary>
    public int PassesCompleted => Volatile.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WorkerEnabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leadership.WaitUntilLeaderAsync(stoppingToken);
                var wait = TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.PollSeconds));
                try
                {
                    await outbox.RunOnceAsync(stoppingToken);
                    var next = await outbox.NextDueAsync(stoppingToken) - clock.Now;
                    wait = next < wait ? (next > TimeSpan.Zero ? next : TimeSpan.FromMilliseconds(1)) : wait;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The database being busy must not stop the next pass.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    logger.LogError(e, "Notice outbox pass failed");
                }
                finally
                {
                    Interlocked.Increment(ref _passes);
                }

                await signal.WaitAsync(wait, clock.TimeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
