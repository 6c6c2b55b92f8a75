using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>Every page against every role, over the real app: who may open what, and what the others see instead.</summary>
public sealed class AuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Denied = "您无权访问此页面";

    public static TheoryData<string, string, bool> Pages()
    {
        var users = new[] { "yangyi", "zhuer", "yousi", "xuwu", "heliu" };
        var data = new TheoryData<string, string, bool>();
        foreach (var user in users)
        {
            data.Add("/", user, true);
            data.Add("/my-work", user, true);
            data.Add("/proposals", user, true);
            data.Add("/commitments", user, true);
            data.Add("/proposals/register", user, user is "yousi" or "xuwu");
            data.Add("/import", user, user is "yousi" or "xuwu");
            data.Add("/statistics", user, user != "heliu");
            data.Add("/summary", user, user != "heliu");
            foreach (var admin in new[] { "/admin/sections", "/admin/staff", "/admin/calendar", "/admin/rules", "/admin/signing", "/admin/backups" })
            {
                data.Add(admin, user, user == "xuwu");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EachRoleOpensOnlyItsPages(string path, string user, bool allowed)
    {
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, user);

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(!allowed, html.Contains(Denied, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherSectionsItemByUrlShowsARefusalNeverTheItem()
    {
        int id;
        string title;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var energy = await db.Sections.SingleAsync(s => s.Name == "能源科");
            var item = await db.Proposals.FirstAsync(p => p.Responsibility != null && p.Responsibility.SectionId == energy.Id && p.Year == 2022);
            (id, title) = (item.Id, item.Title);
        }

        var stranger = factory.CreateClient();
        await HttpSignIn.SignInAsync(stranger, "heliu");
        var refused = await stranger.GetStringAsync($"/proposals/{id}");
        Assert.Contains("您无权查看该件", refused);
        Assert.DoesNotContain(title, refused);

        var own = factory.CreateClient();
        await HttpSignIn.SignInAsync(own, "kongjiu");
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
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }
}
