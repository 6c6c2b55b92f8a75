using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Supervision;
using StackExchange.Redis;

namespace ProposalPortal.Features.Nodes;

/// <summary>What changes when the portal runs on several nodes (<c>ConnectionStrings:Redis</c> set).</summary>
public static class NodeServices
{
    /// <summary>
    /// The bus between nodes and the notifier over it (in-process on a single server), and who runs the scheduled
    /// jobs: on PostgreSQL the holder of an advisory lock, on SQLite (one server) this process.
    /// </summary>
    public static IServiceCollection AddPortalNodes(this IServiceCollection services, IConfiguration config, string portalConnectionString)
    {
        services.AddOptions<NodeOptions>().Bind(config.GetSection(NodeOptions.SectionName));
        if (NodeOptions.RedisConnectionString(config) is { } redis)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisOptions(redis)));
            services.AddSingleton<INodeBus>(sp => new RedisNodeBus(sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<IOptions<NodeOptions>>().Value.ChannelPrefix, sp.GetRequiredService<ILogger<RedisNodeBus>>()));
            services.AddSingleton<ISupervisionNotifier, NodeSupervisionNotifier>();
            services.AddHostedService<NodeCacheInvalidation>();
        }
        else
        {
            services.AddSingleton<INodeBus, SingleNodeBus>();
            services.AddSingleton<ISupervisionNotifier, InProcessSupervisionNotifier>();
        }

        if (NodeOptions.IsPostgres(config))
        {
            services.AddSingleton(sp => new PostgresJobLeadership(portalConnectionString, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PostgresJobLeadership>>()));
            services.AddSingleton<IJobLeadership>(sp => sp.GetRequiredService<PostgresJobLeadership>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresJobLeadership>());
        }
        else
        {
            services.AddSingleton<IJobLeadership, SingleNodeLeadership>();
        }

        return services;
    }

    /// <summary>The SignalR backplane over the same Redis, when several nodes are configured.</summary>
    public static ISignalRServerBuilder AddPortalBackplane(this ISignalRServerBuilder signalR, IConfiguration config)
    {
        if (NodeOptions.RedisConnectionString(config) is { } redis)
        {
            var prefix = config.GetSection(NodeOptions.SectionName).Get<NodeOptions>()?.ChannelPrefix ?? new NodeOptions().ChannelPrefix;
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration = RedisOptions(redis);
                o.Configuration.ChannelPrefix = RedisChannel.Literal(prefix);
            });
        }

        return signalR;
    }

    /// <summary>
    /// A node starts even while Redis is away (it keeps retrying): /readyz then says not ready, and the load balancer
    /// sends no one to it until Redis is back.
    /// </summary>
    private static ConfigurationOptions RedisOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        return options;
    }
}
