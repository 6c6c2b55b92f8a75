using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Proposals;
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
public sealed class SectionScopeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SectionStaffGetOnlyTheirSectionsFiguresFromTheStatisticsApi()
    {
        int sectionItems;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var planning = await db.Sections.SingleAsync(s => s.Name == "发展规划科");
            sectionItems = await db.Proposals.CountAsync(p => p.Year == 2026 && p.Responsibility != null && p.Responsibility.SectionId == planning.Id);
        }

        var section = factory.CreateClient();
        await HttpSignIn.SignInAsync(section, "heliu");
        var office = factory.CreateClient();
        await HttpSignIn.SignInAsync(office, "yousi");

        var own = await ReceivedAsync(section);
        var bureau = await ReceivedAsync(office);

        Assert.Equal(sectionItems, own);
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
        // 第26号 (充电桩及新能源建设) and the earlier replies on its topic; one of another section is taken off the
        // public pages, one stays published.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var id = await db.Proposals.Where(p => p.Year == 2026 && p.Number == 26).Select(p => p.Id).SingleAsync();
        var office = Actor.For(await db.Staff.SingleAsync(s => s.Name == "尤四"), []);
        var item = (await scope.ServiceProvider.GetRequiredService<ProposalService>().FindAsync(id, office))!;
        var sectionId = item.Responsibility!.SectionId;
        var related = await scope.ServiceProvider.GetRequiredService<RelatedRepliesService>().ForAsync(item, office);
        var othersIds = related.Select(r => r.ProposalId).ToList();
        Assert.True(othersIds.Count >= 2, $"the demo data should hold two earlier replies on the topic, found {othersIds.Count}");
        // Both handled by another section (the demo data's earlier replies on this topic are the same section's).
        var otherSection = await db.Sections.Where(s => s.Id != sectionId).Select(s => s.Id).FirstAsync();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE Proposals SET SectionId = {otherSection} WHERE Id IN ({othersIds[0]}, {othersIds[1]})");
        var others = await db.Proposals.Include(p => p.Replies).Where(p => p.Id == othersIds[0] || p.Id == othersIds[1]).ToListAsync();
        var hidden = others.Single(p => p.Id == othersIds[0]);
        var shown = others.Single(p => p.Id == othersIds[1]);
        foreach (var reply in hidden.Replies)
        {
            db.Entry(reply).Property(r => r.PublishedAt).CurrentValue = null;
        }

        foreach (var reply in shown.Replies.Where(r => r.IsSigned))
        {
            db.Entry(reply).Property(r => r.PublishedAt).CurrentValue ??= factory.Time.GetUtcNow().AddYears(-1);
        }

        await db.SaveChangesAsync();

        var handler = await db.Staff.SingleAsync(s => s.SectionId == sectionId && s.IsActive && (s.Roles & StaffRoles.SectionStaff) != 0
            && AccountSeeder.DemoUserNames.Keys.Contains(s.Name));
        var staffPage = await PageAsync(AccountSeeder.DemoUserNames[handler.Name], id);
        var officePage = await PageAsync("yousi", id);

        Assert.Contains("data-testid=\"related-replies\"", staffPage);
        Assert.Contains(shown.Designation, staffPage);
        Assert.DoesNotContain(hidden.Designation, staffPage);
        Assert.Contains(hidden.Designation, officePage);
        Assert.Contains(shown.Designation, officePage);
    }

    private async Task<string> PageAsync(string user, int id)
    {
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, user);
        return await client.GetStringAsync($"/proposals/{id}");
    }
}
