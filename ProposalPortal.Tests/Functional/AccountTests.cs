using System.Net;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>Sign-in, lockout, sign-out and the anonymous user's view, against the real app with a scenario's people.</summary>
public sealed class AccountTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private HttpClient Client(bool followRedirects = true) =>
        site.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });

    [Theory]
    [InlineData("/")]
    [InlineData("/not-a-page")]
    public async Task AnonymousUsersAreSentToTheLoginPage(string path)
    {
        var response = await Client(followRedirects: false).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TheLoginPageIsChinese()
    {
        var html = await Client().GetStringAsync("/account/login");

        Assert.Contains("用户名", html);
        Assert.Contains("密码", html);
        Assert.Contains(">登录</button>", html);
    }

    [Fact]
    public async Task AWrongPasswordSaysSoAndAfterFiveThatAddressMustWaitForTheAccount()
    {
        var client = Client();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var html = await (await HttpSignIn.PostLoginAsync(client, ScenarioSite.OtherHandler, "wrong-password")).Content.ReadAsStringAsync();
            Assert.Contains("用户名或密码不正确", html);
        }

        // Even the right password is refused from this address until the window has passed.
        var refused = await (await HttpSignIn.PostLoginAsync(client, ScenarioSite.OtherHandler, Scenario.AccountPassword)).Content.ReadAsStringAsync();
        Assert.Contains("登录失败次数过多，请15分钟后再试", refused);
        Assert.DoesNotContain("data-testid=\"current-user\"", refused);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var client = Client();
        await HttpSignIn.SignInAsync(client, ScenarioSite.Handler, Scenario.AccountPassword);
        var home = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        Assert.EndsWith("/account/login", response.RequestMessage!.RequestUri!.AbsolutePath);
        var after = await Client(followRedirects: false).GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task TheReturnAddressNeverLeavesThePortal()
    {
        var client = Client(followRedirects: false);
        var form = await client.GetStringAsync("/account/login?returnUrl=%2F%2Fevil.example%2F");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/login?returnUrl=%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = ScenarioSite.Deputy,
            ["Input.Password"] = Scenario.AccountPassword,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        Assert.Equal(("localhost", "/"), (target.Host, target.AbsolutePath));
    }
}

/// <summary>A real deployment starts with no demo data and one administrator who must change the configured password.</summary>
public sealed class FirstAdministratorTests(RealDeploymentFactory factory) : IClassFixture<RealDeploymentFactory>
{
    [Fact]
    public async Task TheFirstAdministratorMustChangeTheConfiguredPasswordBeforeAnythingElse()
    {
        var client = factory.CreateClient();
        var demo = await (await HttpSignIn.PostLoginAsync(client, "yousi", ProposalPortal.Features.Account.AccountSeeder.DemoPassword)).Content.ReadAsStringAsync();
        Assert.Contains("用户名或密码不正确", demo);

        await HttpSignIn.PostLoginAsync(client, "admin", RealDeploymentFactory.InitialPassword);
        var home = await client.GetAsync("/");
        Assert.Equal("/account/change-password", home.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await home.Content.ReadAsStringAsync();
        Assert.Contains("首次登录，请先修改初始密码", page);

        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value;
        async Task<HttpResponseMessage> Change(string current, string next, string confirm) =>
            await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "change-password",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.Current"] = current,
                ["Input.New"] = next,
                ["Input.Confirm"] = confirm,
            }));

        var weak = await (await Change(RealDeploymentFactory.InitialPassword, "short", "short")).Content.ReadAsStringAsync();
        Assert.Contains("密码至少8位", weak);
        var same = await (await Change(RealDeploymentFactory.InitialPassword, RealDeploymentFactory.InitialPassword, RealDeploymentFactory.InitialPassword)).Content.ReadAsStringAsync();
        Assert.Contains("新密码不能与当前密码相同", same);

        var changed = await Change(RealDeploymentFactory.InitialPassword, "Changed@2026x", "Changed@2026x");
        Assert.Equal("/", changed.RequestMessage!.RequestUri!.AbsolutePath);
        var after = await client.GetAsync("/");
        Assert.Equal("/", after.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("尚无建议提案", await after.Content.ReadAsStringAsync());
    }
}
