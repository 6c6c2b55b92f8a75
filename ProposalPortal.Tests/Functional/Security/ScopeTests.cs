using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.Features.Import;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Security;

/// <summary>An account that must change its password can do nothing else: not through the API, not through the hub.</summary>
public sealed class MustChangePasswordTests(RealDeploymentFactory factory) : IClassFixture<RealDeploymentFactory>
{
    [Fact]
    public async Task TheFirstAdministratorCanNeitherImportThroughTheApiNorConnectToTheHubBeforeChangingThePassword()
    {
        var cookies = new CookieContainer();
        HttpMessageHandler Handler() => new RedirectHandler { InnerHandler = new CookieContainerHandler(cookies) { InnerHandler = factory.Server.CreateHandler() } };
        using var client = new HttpClient(Handler()) { BaseAddress = factory.Server.BaseAddress };
        await HttpSignIn.PostLoginAsync(client, "admin", RealDeploymentFactory.InitialPassword);
        Assert.Equal("/account/change-password", (await client.GetAsync("/")).RequestMessage!.RequestUri!.AbsolutePath);

        var content = new ByteArrayContent(ImportFiles.Xlsx(ImportFiles.CleanRows()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var import = await client.PostAsync("/api/v1/imports", new MultipartFormDataContent { { content, "file", "交办清单.xlsx" } });
        var list = await client.GetAsync("/api/v1/proposals");

        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Contains(AccountEndpoints.MustChangeFirst, await import.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Proposals.CountAsync());
        }

        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, SupervisionHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Handler();
            })
            .Build();
        await using var _ = hub;
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}

/// <summary>Section staff see their section's figures and, of other sections, only published replies.</summary>
public sealed class SectionScopeTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    [Fact]
    public async Task SectionStaffGetOnlyTheirSectionsFiguresFromTheStatisticsApi()
    {
        await site.Scenario.ItemAsync(ProposalState.InProgress);
        await site.Scenario.ItemAsync(ProposalState.Drafted);
        await site.Scenario.StartedItemAsync(500, site.Portal.Clock.Today.AddDays(-5), handler: site.Scenario.OtherHandler);
        int sectionItems;
        await using (var db = site.Portal.Db())
        {
            sectionItems = await db.Proposals.CountAsync(p => p.Year == 2026 && p.Responsibility != null && p.Responsibility.SectionId == site.Scenario.Section.Id);
        }

        var section = await site.SignedInClientAsync(ScenarioSite.Handler);
        var office = await site.SignedInClientAsync(ScenarioSite.Office);

        var own = await ReceivedAsync(section);
        var bureau = await ReceivedAsync(office);

        Assert.Equal(sectionItems, own);
        Assert.True(own >= 2);
        Assert.True(bureau > own, $"the bureau has {bureau} items, the section {own}");
    }

    private static async Task<int> ReceivedAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/statistics/2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("received").GetInt32();
    }

    [Fact]
    public async Task TheRelatedRepliesPanelShowsOtherSectionsRepliesToSectionStaffOnlyWhenPublished()
    {
        // An item in hand and two earlier published replies on its topic, moved to another section; one of them is
        // then taken off the public pages, one stays published.
        var scenario = site.Scenario;
        var hiddenItem = await scenario.SignedItemAsync(daysAgo: 400, published: true);
        var shownItem = await scenario.SignedItemAsync(daysAgo: 380, published: true);
        var id = (await scenario.ItemAsync(ProposalState.InProgress)).Id;
        await using var db = site.Portal.Db();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE Proposals SET SectionId = {scenario.OtherSection.Id} WHERE Id IN ({hiddenItem.Id}, {shownItem.Id})");
        var others = await db.Proposals.Include(p => p.Replies).Where(p => p.Id == hiddenItem.Id || p.Id == shownItem.Id).ToListAsync();
        var hidden = others.Single(p => p.Id == hiddenItem.Id);
        var shown = others.Single(p => p.Id == shownItem.Id);
        foreach (var reply in hidden.Replies)
        {
            db.Entry(reply).Property(r => r.PublishedAt).CurrentValue = null;
        }

        await db.SaveChangesAsync();

        var staffPage = await PageAsync(ScenarioSite.Handler, id);
        var officePage = await PageAsync(ScenarioSite.Office, id);

        Assert.Contains("data-testid=\"related-replies\"", staffPage);
        Assert.Contains(shown.Designation, staffPage);
        Assert.DoesNotContain(hidden.Designation, staffPage);
        Assert.Contains(hidden.Designation, officePage);
        Assert.Contains(shown.Designation, officePage);
    }

    private async Task<string> PageAsync(string user, int id)
    {
        var client = await site.SignedInClientAsync(user);
        return await client.GetStringAsync($"/proposals/{id}");
    }
}
