namespace ProposalPortal.Features.Supervision;

/// <summary>
/// The one path of live updates: every committed change (steps, chases, evaluations, registrations, imports, the
/// deadline monitor's crossings) is published here, and everything live (board panels, the notice bell, the SignalR
/// hub) subscribes here. A multi-server deployment replaces the implementation with one that carries changes over a
/// backplane (Redis pub/sub) and delivers what it receives to the same local subscribers; no page changes.
/// </summary>
public interface ISupervisionNotifier
{
    /// <summary>Publishes a committed change. Never throws for a failing subscriber: the change is already saved.</summary>
    Task PublishAsync(SupervisionChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onChange"/> for every later change until the returned handle is disposed. Components
    /// call back into their renderer with <c>InvokeAsync</c> and dispose the handle in <c>Dispose</c>.
    /// </summary>
    IDisposable Subscribe(Func<SupervisionChange, Task> onChange);

    /// <summary>
    /// Like <see cref="Subscribe"/>, but only for changes published on this node: for a subscriber whose own transport
    /// already reaches every node (the SignalR hub over its Redis backplane), which would otherwise send each change
    /// once per node. On a single server it is the same as <see cref="Subscribe"/>.
    /// </summary>
    IDisposable SubscribeToThisNode(Func<SupervisionChange, Task> onChange) => Subscribe(onChange);
}
