using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProposalPortal.Data;
using StackExchange.Redis;

namespace ProposalPortal.Features.Nodes;

/// <summary>
/// What the load balancer asks: <c>/healthz</c> (the process answers: keep it) and <c>/readyz</c> (it can serve: the
/// database answers, and Redis when several nodes are configured). Both are anonymous and say only Healthy or
/// Unhealthy (503): no names, versions or errors for whoever else can reach them.
/// </summary>
public static class PortalHealth
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";

    private const string ReadyTag = "ready";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services, IConfiguration config)
    {
        var checks = services.AddHealthChecks().AddCheck<DatabaseCheck>("database", tags: [ReadyTag]);
        if (NodeOptions.AreSeveral(config))
        {
            checks.AddCheck<RedisCheck>("redis", tags: [ReadyTag]);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }

    private sealed class DatabaseCheck(IDbContextFactory<PortalDbContext> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
        }
    }

    private sealed class RedisCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!redis.IsConnected)
            {
                return HealthCheckResult.Unhealthy();
            }

            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
    }
}
