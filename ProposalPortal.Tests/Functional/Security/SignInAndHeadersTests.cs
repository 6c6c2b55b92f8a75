using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Features.Administration.Accounts;
using ProposalPortal.Features.Administration.Staff;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Security;

/// <summary>
/// Sign-in limits per address and per account, the same cost for unknown users, forwarded headers from the configured
/// proxy only, and the security headers, over the real app with a scenario's people.
/// </summary>
public sealed partial class SignInAndHeadersTests(ProxiedSite site) : IClassFixture<ProxiedSite>
{
    private const string Throttled = "登录失败次数过多，请15分钟后再试";

    private ProxiedPortalFactory Factory => site.Factory;

    private static async Task<string> TryAsync(HttpClient client, string user, string password = Scenario.AccountPassword) =>
        await (await HttpSignIn.PostLoginAsync(client, user, password)).Content.ReadAsStringAsync();

    private static bool SignedIn(string html) => html.Contains("data-testid=\"current-user\"", StringComparison.Ordinal);

    [Fact]
    public async Task GuessingFromOutsideDoesNotKeepTheAdministratorOutAtTheirOwnDesk()
    {
        var outside = Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.7");
        for (var i = 0; i < ProxiedPortalFactory.FailuresPerAccount; i++)
        {
            Assert.Contains("用户名或密码不正确", await TryAsync(outside, ScenarioSite.Admin, "guess-" + i));
        }

        var refused = await TryAsync(outside, ScenarioSite.Admin);
        Assert.Contains(Throttled, refused);
        Assert.False(SignedIn(refused));

        // The administrator, through the same proxy from their own desk, is let in.
        Assert.True(SignedIn(await TryAsync(Factory.From(ProxiedPortalFactory.Proxy, "198.51.100.20"), ScenarioSite.Admin)));

        // Once the window has passed, the outside address may try again.
        Factory.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.True(SignedIn(await TryAsync(Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.7"), ScenarioSite.Admin)));
    }

    [Fact]
    public async Task AfterTheAdministratorUnlocksAnAccountItsOwnerSignsInAtOnceFromAnywhere()
    {
        // Wrong passwords for the handler from three addresses reach the account's limit over all addresses (8).
        string[] addresses = ["203.0.113.70", "203.0.113.71", "203.0.113.72"];
        for (var i = 0; i < 8; i++)
        {
            Assert.Contains("用户名或密码不正确", await TryAsync(Factory.From(ProxiedPortalFactory.Proxy, addresses[i % 3]), ScenarioSite.Handler, "guess-" + i));
        }

        var refused = await TryAsync(Factory.From(ProxiedPortalFactory.Proxy, "198.51.100.70"), ScenarioSite.Handler);
        Assert.Contains("该账号登录失败次数过多", refused);
        Assert.False(SignedIn(refused));

        var admin = site.Scenario.Admin;
        var handler = site.Scenario.Handler.StaffId;
        using (var scope = Factory.Services.CreateScope())
        {
            var row = (await scope.ServiceProvider.GetRequiredService<StaffAdministration>().StaffAsync(admin)).Value!.Single(s => s.Id == handler);
            Assert.True(row.HeldBySignInThrottle);
            Assert.True(row.IsLockedOut); // so the Staff page offers 解锁
            var unlocked = await scope.ServiceProvider.GetRequiredService<AccountAdministration>().UnlockAccountAsync(admin, handler);
            Assert.True(unlocked.IsOk, unlocked.Error);
            row = (await scope.ServiceProvider.GetRequiredService<StaffAdministration>().StaffAsync(admin)).Value!.Single(s => s.Id == handler);
            Assert.False(row.IsLockedOut);
        }

        // No time has passed: the right password signs in at once, from a new address and from one that guessed.
        Assert.True(SignedIn(await TryAsync(Factory.From(ProxiedPortalFactory.Proxy, "198.51.100.70"), ScenarioSite.Handler)));
        Assert.True(SignedIn(await TryAsync(Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.70"), ScenarioSite.Handler)));
    }

    [Fact]
    public async Task AnAddressTryingManyAccountsMustWaitWhileOthersSignIn()
    {
        var sprayer = Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.8");
        for (var i = 0; i < ProxiedPortalFactory.FailuresPerAddress; i++)
        {
            Assert.Contains("用户名或密码不正确", await TryAsync(sprayer, "nobody" + i, "guess"));
        }

        Assert.Contains(Throttled, await TryAsync(sprayer, ScenarioSite.Office));
        Assert.True(SignedIn(await TryAsync(Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.9"), ScenarioSite.Office)));
    }

    [Fact]
    public async Task ForwardedHeadersFromAPeerThatIsNotTheProxyAreIgnored()
    {
        // Someone connecting directly cannot pose as many clients: their own address is the one counted.
        for (var i = 0; i < ProxiedPortalFactory.FailuresPerAccount; i++)
        {
            await TryAsync(Factory.From("10.0.0.99", "203.0.113." + (100 + i)), ScenarioSite.Deputy, "guess-" + i);
        }

        Assert.Contains(Throttled, await TryAsync(Factory.From("10.0.0.99", "203.0.113.200"), ScenarioSite.Deputy));
    }

    [Fact]
    public async Task AnUnknownUserCostsOnePasswordCheckLikeAKnownUser()
    {
        var client = Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.30");
        var before = Factory.Hasher.Verifications;
        await TryAsync(client, ScenarioSite.OtherHandler, "wrong-password");
        var known = Factory.Hasher.Verifications - before;

        before = Factory.Hasher.Verifications;
        var html = await TryAsync(client, "no-such-user", "wrong-password");
        var unknown = Factory.Hasher.Verifications - before;

        Assert.Contains("用户名或密码不正确", html);
        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task OverHttpsThroughTheProxyTheCookieIsSecureAndHstsIsSent()
    {
        var client = Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.40", "https", host: "jyta.example.gov.cn", redirects: false);

        var login = await client.GetAsync("/account/login");
        var signIn = await HttpSignIn.PostLoginAsync(client, ScenarioSite.Director, Scenario.AccountPassword);

        Assert.True(login.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS over HTTPS");
        Assert.Contains("max-age=", Assert.Single(hsts));
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ProposalPortal.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AClaimOfHttpsFromAnUnknownPeerGetsNeitherHstsNorASecureCookie()
    {
        var client = Factory.From("10.0.0.98", "203.0.113.41", "https", host: "jyta.example.gov.cn", redirects: false);

        var login = await client.GetAsync("/account/login");
        var signIn = await HttpSignIn.PostLoginAsync(client, ScenarioSite.Director, Scenario.AccountPassword);

        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ProposalPortal.Auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/", true)]
    [InlineData("/proposals", true)]
    [InlineData("/admin/staff", true)]
    public async Task EveryPageCarriesTheSecurityHeadersAndItsImportMapTheNonce(string path, bool signIn)
    {
        var client = Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.50");
        if (signIn)
        {
            await HttpSignIn.SignInAsync(client, ScenarioSite.Admin, Scenario.AccountPassword);
        }

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = Nonce().Match(csp);
        Assert.True(nonce.Success, csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors", csp);
        // The inline import map is the one script allowed inline, by this response's nonce.
        Assert.Matches($"<script type=\"importmap\"[^>]*nonce=\"{Regex.Escape(nonce.Groups[1].Value)}\"", html);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Single(response.Headers.GetValues("Referrer-Policy"));
    }

    [Fact]
    public async Task TheOpenApiDocumentNeedsASignInOrAKey()
    {
        var anonymous = await Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.60", redirects: false).GetAsync("/openapi/v1.json");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain("/api/v1/", await anonymous.Content.ReadAsStringAsync());

        var staff = Factory.From(ProxiedPortalFactory.Proxy, "203.0.113.61");
        await HttpSignIn.SignInAsync(staff, ScenarioSite.Handler, Scenario.AccountPassword);
        var signedIn = await staff.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("/api/v1/proposals", await signedIn.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
