using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using ProposalPortal.Features.Nodes;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;
using StackExchange.Redis;

namespace ProposalPortal.Tests.Features.Nodes;

/// <summary>
/// Two nodes' notifiers over a real, private redis-server: a change published on one reaches the boards of the other,
/// once; the hub relay of the other node does not send it again (the SignalR backplane does that).
/// </summary>
public sealed class NodeNotifierTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private readonly List<IDisposable> _owned = [];

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        _owned.ForEach(o => o.Dispose());
        await _redis.DisposeAsync();
    }

    private NodeSupervisionNotifier NewNode(out RedisNodeBus bus)
    {
        var redis = ConnectionMultiplexer.Connect(_redis.ConnectionString);
        bus = new RedisNodeBus(redis, "test", NullLogger<RedisNodeBus>.Instance);
        var notifier = new NodeSupervisionNotifier(bus, NullLogger<InProcessSupervisionNotifier>.Instance);
        _owned.Add(notifier);
        _owned.Add(redis);
        return notifier;
    }

    private static SupervisionChange Change(string summary, params int[] sections) =>
        new(SupervisionChangeKind.Step, [7], sections, TestPortal.DefaultNow, summary, [3]);

    [Fact]
    public async Task AStepOnNodeAReachesTheBoardsOfNodeBOnceAndItsHubRelayNotAtAll()
    {
        var nodeA = NewNode(out _);
        var nodeB = NewNode(out _);
        var boardsA = new ConcurrentQueue<SupervisionChange>();
        var boardsB = new ConcurrentQueue<SupervisionChange>();
        var relayB = new ConcurrentQueue<SupervisionChange>();
        var heardOnB = new TaskCompletionSource<SupervisionChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var markerOnA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        nodeA.Subscribe(c =>
        {
            boardsA.Enqueue(c);
            if (c.Summary == "marker")
            {
                markerOnA.TrySetResult();
            }

            return Task.CompletedTask;
        });
        nodeB.Subscribe(c =>
        {
            boardsB.Enqueue(c);
            heardOnB.TrySetResult(c);
            return Task.CompletedTask;
        });
        nodeB.SubscribeToThisNode(c =>
        {
            relayB.Enqueue(c);
            return Task.CompletedTask;
        });

        var started = DateTime.UtcNow;
        await nodeA.PublishAsync(Change("张三交办：市政协十届一次会议第11号提案", 2));
        var heard = await heardOnB.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1), "node B heard the step later than a second");
        Assert.Equal("张三交办：市政协十届一次会议第11号提案", heard.Summary);
        Assert.Equal([7], heard.ProposalIds);
        Assert.Equal([2], heard.SectionIds);
        Assert.Equal([3], heard.NoticeRecipientIds);
        Assert.Equal(TestPortal.DefaultNow, heard.At);
        // The hub relay of node B sends only node B's own changes: the backplane brings A's to B's hub clients.
        Assert.Empty(relayB);

        // Node A's boards heard the step once, at once, and not again when Redis echoed it back.
        await nodeB.PublishAsync(Change("marker"));
        await markerOnA.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Single(boardsA, c => c.Summary.StartsWith("张三", StringComparison.Ordinal));
        Assert.Single(relayB, c => c.Summary == "marker");
        Assert.Single(boardsB, c => c.Summary.StartsWith("张三", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOtherNodesDropTheirCopiesWhenOneNodeSaysSo()
    {
        NewNode(out var busA);
        NewNode(out var busB);
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var droppedOnA = 0;
        _owned.Add(busA.Subscribe(NodeCacheInvalidation.PublicSearchTopic, _ =>
        {
            Interlocked.Increment(ref droppedOnA);
            return Task.CompletedTask;
        }));
        _owned.Add(busB.Subscribe(NodeCacheInvalidation.PublicSearchTopic, _ =>
        {
            dropped.TrySetResult();
            return Task.CompletedTask;
        }));
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _owned.Add(busA.Subscribe("marker", _ =>
        {
            marker.TrySetResult();
            return Task.CompletedTask;
        }));

        await busA.PublishAsync(NodeCacheInvalidation.PublicSearchTopic, string.Empty);
        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await busB.PublishAsync("marker", string.Empty);
        await marker.Task.WaitAsync(TimeSpan.FromSeconds(5));
        // Node A published the drop: it had already brought its own index in line and ignores its own message.
        Assert.Equal(0, droppedOnA);
    }
}
