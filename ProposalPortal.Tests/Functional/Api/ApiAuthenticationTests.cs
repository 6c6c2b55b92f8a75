using System.Net;
using System.Text.Json;
using ProposalPortal.Features.Api;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Api;

/// <summary>
/// Who gets into the JSON API: keys from configuration with their scopes, or the signed-in cookie; over a scenario's
/// year of <see cref="ApiAuthenticationSite.Items"/> items.
/// </summary>
public sealed class ApiAuthenticationTests(ApiAuthenticationSite site) : IClassFixture<ApiAuthenticationSite>
{
    private ApiPortalFactory Factory => site.Factory;

    private string Figures => $"/api/v1/statistics/{site.Portal.Clock.Today.Year}";

    private HttpClient Anonymous() =>
        Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task NoKeyGets401NotTheLoginPage()
    {
        var response = await Anonymous().GetAsync(Figures);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("no-such-key")]
    [InlineData("test-read-key-6b1f0c2e9")]   // one character short of a real key
    [InlineData("TEST-READ-KEY-6B1F0C2E9D")]  // keys are case-sensitive
    public async Task AnUnknownKeyGets401(string key)
    {
        var response = await Factory.WithKey(key).GetAsync(Figures);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AReadKeyReadsTheFigures()
    {
        var response = await Factory.WithKey(ApiPortalFactory.ReadKey).GetAsync(Figures);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ApiAuthenticationSite.Items, json.RootElement.GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task AnImportOnlyKeyMayNotRead()
    {
        var response = await Factory.WithKey(ApiPortalFactory.ImportKey).GetAsync(Figures);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheKeyInTheQueryStringIsAcceptedOnlyOnHubPaths()
    {
        var response = await Anonymous().GetAsync($"{Figures}?access_token={ApiPortalFactory.ReadKey}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ASignedInPersonReadsThroughTheCookie()
    {
        var client = await site.SignedInClientAsync(ScenarioSite.Director);

        var response = await client.GetAsync(Figures);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void KeysAreMatchedExactlyAndEmptyKeysNever()
    {
        ApiKeyEntry[] keys =
        [
            new() { Key = "", Name = "empty", Scopes = ["read"] },
            new() { Key = "abc", Name = "a", Scopes = ["read"] },
            new() { Key = "abd", Name = "b", Scopes = ["import"] },
        ];

        Assert.Equal("a", ApiKeyAuthenticationHandler.Find(keys, "abc")?.Name);
        Assert.Equal("b", ApiKeyAuthenticationHandler.Find(keys, "abd")?.Name);
        Assert.Null(ApiKeyAuthenticationHandler.Find(keys, ""));
        Assert.Null(ApiKeyAuthenticationHandler.Find(keys, "ab"));
        Assert.Null(ApiKeyAuthenticationHandler.Find(keys, "abcd"));
    }
}

/// <summary>An <see cref="ApiSite"/> whose year has <see cref="Items"/> items for the figures to count.</summary>
public sealed class ApiAuthenticationSite : ApiSite
{
    public const int Items = 2;

    protected override async Task BuildAsync(Scenario scenario)
    {
        for (var i = 0; i < Items; i++)
        {
            await scenario.ItemAsync();
        }
    }
}
