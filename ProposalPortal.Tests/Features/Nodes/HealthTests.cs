using System.Net;
using Microsoft.AspNetCore.Hosting;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Nodes;

/// <summary>
/// The load balancer's questions: /healthz and /readyz answer anyone, say only Healthy or Unhealthy, and /readyz says
/// Unhealthy (503) while Redis is away, so no one is sent to that node; /healthz keeps saying the process lives.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task AnAnonymousCallerLearnsOnlyThatTheNodeIsLiveAndReady()
    {
        await using var factory = new RealDeploymentFactory();
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task WithRedisAwayTheNodeLivesButIsNotReady()
    {
        await using var factory = new NodeWithoutRedisFactory();
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var live = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>Several nodes configured, Redis on a port where nothing listens.</summary>
    private sealed class NodeWithoutRedisFactory : PortalFactory
    {
        protected override bool Demo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Redis", $"127.0.0.1:{PrivateServers.FreePort()},connectTimeout=500");
            builder.UseSetting("Nodes:SharedFolder", Path.Combine(Folder, "shared"));
        }
    }
}
