using System.Net;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// Every page against every role, over the real app with a scenario's people (the administrator, installed with the
/// portal, is also the Office): who may open what, and what the others see instead.
/// </summary>
public sealed class AuthorizationTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private const string Denied = "您无权访问此页面";

    private PortalFactory Factory => site.Factory;

    public static TheoryData<string, string, bool> Pages()
    {
        var users = new[] { ScenarioSite.Director, ScenarioSite.Deputy, ScenarioSite.Office, ScenarioSite.Admin, ScenarioSite.Handler };
        var data = new TheoryData<string, string, bool>();
        foreach (var user in users)
        {
            data.Add("/", user, true);
            data.Add("/my-work", user, true);
            data.Add("/proposals", user, true);
            data.Add("/commitments", user, true);
            data.Add("/proposals/register", user, user is ScenarioSite.Office or ScenarioSite.Admin);
            data.Add("/import", user, user is ScenarioSite.Office or ScenarioSite.Admin);
            data.Add("/statistics", user, user != ScenarioSite.Handler);
            data.Add("/summary", user, user != ScenarioSite.Handler);
            foreach (var admin in new[] { "/admin/sections", "/admin/staff", "/admin/calendar", "/admin/rules", "/admin/signing", "/admin/backups" })
            {
                data.Add(admin, user, user == ScenarioSite.Admin);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EachRoleOpensOnlyItsPages(string path, string user, bool allowed)
    {
        var client = await site.SignedInClientAsync(user);

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(!allowed, html.Contains(Denied, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherSectionsItemByUrlShowsARefusalNeverTheItem()
    {
        var item = await site.Scenario.ItemAsync();
        var (id, title) = (item.Id, item.Title);

        var stranger = await site.SignedInClientAsync(ScenarioSite.OtherHandler);
        var refused = await stranger.GetStringAsync($"/proposals/{id}");
        Assert.Contains("您无权查看该件", refused);
        Assert.DoesNotContain(title, refused);

        var own = await site.SignedInClientAsync(ScenarioSite.Handler);
        Assert.Contains(title, await own.GetStringAsync($"/proposals/{id}"));
    }

    [Theory]
    [InlineData("/my-work")]
    [InlineData("/proposals")]
    [InlineData("/commitments")]
    [InlineData("/proposals/1")]
    [InlineData("/admin/staff")]
    public async Task AnonymousUsersSeeNoPageOfTheWorkspace(string path)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }
}
