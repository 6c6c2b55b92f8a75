using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>The letter files over HTTP, as the item page links to them.</summary>
public sealed class LetterEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<int> EnergyItemAwaitingSignOffAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var energy = await db.Sections.SingleAsync(s => s.Name == "能源科");
        return await db.Proposals.Where(p => p.State == ProposalState.AwaitingSignOff && p.Responsibility!.SectionId == energy.Id)
            .Select(p => p.Id).FirstAsync();
    }

    [Fact]
    public async Task ThePreviewIsAPdfForThoseWhoMaySeeTheItemAndARefusalForOthers()
    {
        var id = await EnergyItemAwaitingSignOffAsync();
        var director = factory.CreateClient();
        await HttpSignIn.SignInAsync(director, "yangyi");
        var energy = factory.CreateClient();
        await HttpSignIn.SignInAsync(energy, "kongjiu");
        var planning = factory.CreateClient();
        await HttpSignIn.SignInAsync(planning, "heliu");

        foreach (var client in new[] { director, energy })
        {
            var response = await client.GetAsync(LetterEndpoints.PreviewPath(id));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            var pages = PdfInspection.Read(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains("预览稿", pages[0].Text, StringComparison.Ordinal);
            Assert.Contains("号（签发时编号）", pages[0].Text, StringComparison.Ordinal);
        }

        // The item page offers it.
        var page = await (await director.GetAsync($"/proposals/{id}")).Content.ReadAsStringAsync();
        Assert.Contains(LetterEndpoints.PreviewPath(id), page, StringComparison.Ordinal);
        Assert.Contains("预览答复函", page, StringComparison.Ordinal);

        var refused = await planning.GetAsync(LetterEndpoints.PreviewPath(id));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("找不到该件，或您无权查看该件", await refused.Content.ReadAsStringAsync());

        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var challenged = await anonymous.GetAsync(LetterEndpoints.PreviewPath(id));
        Assert.NotEqual(HttpStatusCode.OK, challenged.StatusCode);
    }

    [Fact]
    public async Task AfterSignOffTheSignedLetterDownloadsAsTheSameBytesEveryTime()
    {
        // Another item than the preview test's, outside 发展规划科 (heliu's section).
        var previewed = await EnergyItemAwaitingSignOffAsync();
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var planning = await db.Sections.SingleAsync(s => s.Name == "发展规划科");
            var item = await db.Proposals.Where(p => p.State == ProposalState.UnderReview && p.Id != previewed && p.Responsibility!.SectionId != planning.Id)
                .Select(p => new { p.Id, p.Version, p.Responsibility!.SectionId }).FirstAsync();
            id = item.Id;
            var section = await db.Sections.SingleAsync(s => s.Id == item.SectionId);
            var deputy = Actor.For(await db.Staff.SingleAsync(s => s.Id == section.DeputyDirectorId), [section.Id]);
            var approved = await scope.ServiceProvider.GetRequiredService<ProposalService>()
                .ExecuteAsync(id, item.Version, deputy, (x, c) => x.ApproveReview(deputy, null, c));
            Assert.True(approved.IsOk, approved.Error);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ProposalService>();
            var office = await OfficeAsync(scope);
            var director = await DirectorAsync(scope);
            var item = (await service.FindAsync(id, office))!;
            var result = await service.SignOffAsync(id, item.Version, director);
            Assert.True(result.IsOk, result.Error);
        }

        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, "yangyi");
        var first = await client.GetAsync(LetterEndpoints.SignedPath(id));
        var second = await client.GetAsync(LetterEndpoints.SignedPath(id, 1, download: true));
        var firstBytes = await first.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(ReplyDocument.HashOf(firstBytes), first.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Equal("attachment", second.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".pdf", second.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        Assert.StartsWith("楚市发改复〔2026〕", second.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);

        var stranger = factory.CreateClient();
        await HttpSignIn.SignInAsync(stranger, "heliu");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(LetterEndpoints.SignedPath(id))).StatusCode);

        // The item page links to it.
        var page = await (await client.GetAsync($"/proposals/{id}")).Content.ReadAsStringAsync();
        Assert.Contains(LetterEndpoints.SignedPath(id, 1), WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    private static async Task<Actor> OfficeAsync(AsyncServiceScope scope) => await ActorAsync(scope, "尤四");

    private static async Task<Actor> DirectorAsync(AsyncServiceScope scope) => await ActorAsync(scope, "杨一");

    private static async Task<Actor> ActorAsync(AsyncServiceScope scope, string name)
    {
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var staff = await db.Staff.SingleAsync(s => s.Name == name);
        return Actor.For(staff, []);
    }
}
