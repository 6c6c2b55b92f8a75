using StackExchange.Redis;

namespace ProposalPortal.Features.Nodes;

/// <summary>
/// Short messages between the nodes of one installation (a change to announce, a cache to drop). A node never hears
/// its own messages: what it publishes it has already done itself.
/// </summary>
public interface INodeBus
{
    /// <summary>Sends <paramref name="message"/> on <paramref name="topic"/> to the other nodes. Never throws: a lost message is logged.</summary>
    Task PublishAsync(string topic, string message);

    /// <summary>Calls <paramref name="onMessage"/> for every message other nodes send on <paramref name="topic"/>, until disposed.</summary>
    IDisposable Subscribe(string topic, Func<string, Task> onMessage);
}

/// <summary>One server: there is no other node to tell.</summary>
public sealed class SingleNodeBus : INodeBus
{
    public Task PublishAsync(string topic, string message) => Task.CompletedTask;

    public IDisposable Subscribe(string topic, Func<string, Task> onMessage) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}

/// <summary>
/// Redis pub/sub: every message carries the sending node's id, so a node skips its own. Pub/sub keeps nothing: a node
/// that is down misses the messages, which is right for live updates and cache drops (it starts afresh).
/// </summary>
public sealed class RedisNodeBus(IConnectionMultiplexer redis, string channelPrefix, ILogger<RedisNodeBus> logger) : INodeBus
{
    private const char Separator = '|';

    /// <summary>This process's id among the nodes.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(string topic, string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel(topic), NodeId + Separator + message);
        }
#pragma warning disable CA1031 // The change is committed; Redis being away must not turn it into an error for the user.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not tell the other nodes on {Topic}", topic);
        }
    }

    public IDisposable Subscribe(string topic, Func<string, Task> onMessage)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        var channel = Channel(topic);
        var subscriber = redis.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (received, value) =>
        {
            var text = (string?)value ?? string.Empty;
            var at = text.IndexOf(Separator, StringComparison.Ordinal);
            if (at < 0 || text.AsSpan(0, at).SequenceEqual(NodeId))
            {
                return;
            }

            // Not awaited: Redis's reader is not held while a board reloads; DeliverAsync logs its own failures.
            _ = DeliverAsync(topic, onMessage, text[(at + 1)..]);
        };
        try
        {
            subscriber.Subscribe(channel, handler);
        }
        catch (RedisException e)
        {
            // The node starts while Redis is away (/readyz says not ready): the client keeps the subscription and
            // makes it on the server once it connects.
            logger.LogWarning(e, "Redis is not reachable; {Topic} will be heard once it is", topic);
        }

        return new Subscription(() =>
        {
            try
            {
                subscriber.Unsubscribe(channel, handler);
            }
            catch (ObjectDisposedException)
            {
                // The connection closed first (the host stops in any order): its subscriptions ended with it.
            }
        });
    }

    private async Task DeliverAsync(string topic, Func<string, Task> onMessage, string message)
    {
        try
        {
            await onMessage(message);
        }
#pragma warning disable CA1031 // One failing receiver must not stop Redis's delivery of the next message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "A message from another node on {Topic} failed", topic);
        }
    }

    private RedisChannel Channel(string topic) => RedisChannel.Literal(channelPrefix + ":portal:" + topic);

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
