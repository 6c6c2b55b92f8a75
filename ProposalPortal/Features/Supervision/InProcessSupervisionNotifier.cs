using System.Collections.Immutable;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// The single-server notifier: subscribers live in this process. Publishing calls every subscriber concurrently and
/// waits for them, so a slow board never blocks the others and a failing one is only logged.
/// </summary>
public sealed class InProcessSupervisionNotifier(ILogger<InProcessSupervisionNotifier> logger) : ISupervisionNotifier
{
    private ImmutableList<Subscription> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Count;

    public async Task PublishAsync(SupervisionChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = _subscriptions;
        if (current.IsEmpty)
        {
            return;
        }

        await Task.WhenAll(current.Select(s => DeliverAsync(s, change)));
    }

    public IDisposable Subscribe(Func<SupervisionChange, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var subscription = new Subscription(this, onChange);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    private async Task DeliverAsync(Subscription subscription, SupervisionChange change)
    {
        try
        {
            await subscription.OnChange(change);
        }
#pragma warning disable CA1031 // One subscriber's failure (a closed circuit, say) must not keep the change from the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "A live-update subscriber failed on {Summary}", change.Summary);
        }
    }

    private sealed class Subscription(InProcessSupervisionNotifier owner, Func<SupervisionChange, Task> onChange) : IDisposable
    {
        public Func<SupervisionChange, Task> OnChange { get; } = onChange;

        public void Dispose() => ImmutableInterlocked.Update(ref owner._subscriptions, list => list.Remove(this));
    }
}
