using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProposalPortal.Features.Account;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Security;

/// <summary>
/// The app behind a proxy at <see cref="Proxy"/>, with small sign-in limits and a password hasher that counts its
/// checks, without the demo data. The test server has no network peer: a request names the peer it comes from in <see cref="PeerHeader"/>.
/// </summary>
public sealed class ProxiedPortalFactory : PortalFactory
{
    protected override bool Demo => false;

    public const string Proxy = "10.0.0.5";
    public const string PeerHeader = "X-Test-Peer";
    public const int FailuresPerAccount = 3;
    public const int FailuresPerAddress = 6;

    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Proxy:KnownProxies:0", Proxy);
        builder.UseSetting("SignIn:FailuresPerAccount", FailuresPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SignIn:FailuresPerAddress", FailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SignIn:AccountLockoutFailures", "8");
        builder.UseSetting("SignIn:WindowMinutes", "15");
        builder.ConfigureServices(services =>
        {
            services.AddTransient<IStartupFilter, PeerFilter>();
            services.RemoveAll<IPasswordHasher<PortalUser>>();
            services.AddSingleton<IPasswordHasher<PortalUser>>(Hasher);
        });
    }

    /// <summary>A client whose requests come from <paramref name="peer"/>, forwarding <paramref name="client"/> and <paramref name="scheme"/>.</summary>
    public HttpClient From(string peer, string? client = null, string? scheme = null, string host = "localhost", bool redirects = true)
    {
        var http = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"http://{host}"),
            AllowAutoRedirect = redirects,
        });
        http.DefaultRequestHeaders.Add(PeerHeader, peer);
        if (client is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        }

        if (scheme is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        }

        return http;
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary><see cref="ProxiedPortalFactory"/> with a <see cref="Scenario"/> and its people's accounts.</summary>
public sealed class ProxiedSite : ScenarioSite
{
    public new ProxiedPortalFactory Factory => (ProxiedPortalFactory)base.Factory;

    protected override PortalFactory CreateFactory() => new ProxiedPortalFactory();
}

/// <summary>The real hasher, counting how many passwords it checked.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<PortalUser>
{
    private readonly PasswordHasher<PortalUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
