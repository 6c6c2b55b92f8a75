using System.Text.Json;
using ProposalPortal.Features.Supervision;

namespace ProposalPortal.Features.Nodes;

/// <summary>
/// The notifier of several nodes: a change is delivered here at once (the node that made it does not wait for Redis)
/// and sent over the <see cref="INodeBus"/> to the other nodes, which deliver it to their own boards and bells.
/// </summary>
public sealed class NodeSupervisionNotifier : ISupervisionNotifier, IDisposable
{
    public const string Topic = "supervision";

    private readonly InProcessSupervisionNotifier _everyNode;
    private readonly InProcessSupervisionNotifier _thisNode;
    private readonly INodeBus _bus;
    private readonly IDisposable _fromOtherNodes;

    public NodeSupervisionNotifier(INodeBus bus, ILogger<InProcessSupervisionNotifier> logger)
    {
        _bus = bus;
        _everyNode = new InProcessSupervisionNotifier(logger);
        _thisNode = new InProcessSupervisionNotifier(logger);
        _fromOtherNodes = bus.Subscribe(Topic, message =>
            JsonSerializer.Deserialize<SupervisionChange>(message) is { } change ? _everyNode.PublishAsync(change) : Task.CompletedTask);
    }

    public async Task PublishAsync(SupervisionChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await Task.WhenAll(
            _bus.PublishAsync(Topic, JsonSerializer.Serialize(change)),
            _everyNode.PublishAsync(change, cancellationToken),
            _thisNode.PublishAsync(change, cancellationToken));
    }

    public IDisposable Subscribe(Func<SupervisionChange, Task> onChange) => _everyNode.Subscribe(onChange);

    public IDisposable SubscribeToThisNode(Func<SupervisionChange, Task> onChange) => _thisNode.Subscribe(onChange);

    public void Dispose() => _fromOtherNodes.Dispose();
}
