using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>The letter files over HTTP, as the item page links to them, over a <see cref="ScenarioSite"/>.</summary>
public sealed class LetterEndpointTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private Scenario Scenario => site.Scenario;

    [Fact]
    public async Task ThePreviewIsAPdfForThoseWhoMaySeeTheItemAndARefusalForOthers()
    {
        var id = (await Scenario.ItemAsync(ProposalState.AwaitingSignOff)).Id;
        var director = await site.SignedInClientAsync(ScenarioSite.Director);
        var handler = await site.SignedInClientAsync(ScenarioSite.Handler);
        var stranger = await site.SignedInClientAsync(ScenarioSite.OtherHandler);

        foreach (var client in new[] { director, handler })
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

        var refused = await stranger.GetAsync(LetterEndpoints.PreviewPath(id));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("找不到该件，或您无权查看该件", await refused.Content.ReadAsStringAsync());

        var anonymous = site.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var challenged = await anonymous.GetAsync(LetterEndpoints.PreviewPath(id));
        Assert.NotEqual(HttpStatusCode.OK, challenged.StatusCode);
    }

    [Fact]
    public async Task AfterSignOffTheSignedLetterDownloadsAsTheSameBytesEveryTime()
    {
        var id = (await Scenario.ItemAsync(ProposalState.AwaitingSignOff)).Id;
        // Signed off in the app itself, with its certificate.
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ProposalService>();
            var item = (await service.FindAsync(id, Scenario.Office))!;
            var result = await service.SignOffAsync(id, item.Version, Scenario.Director);
            Assert.True(result.IsOk, result.Error);
        }

        var client = await site.SignedInClientAsync(ScenarioSite.Director);
        var first = await client.GetAsync(LetterEndpoints.SignedPath(id));
        var second = await client.GetAsync(LetterEndpoints.SignedPath(id, 1, download: true));
        var firstBytes = await first.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(ReplyDocument.HashOf(firstBytes), first.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Equal("attachment", second.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".pdf", second.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        Assert.StartsWith("楚市发改复〔2026〕", second.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);

        var stranger = await site.SignedInClientAsync(ScenarioSite.OtherHandler);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(LetterEndpoints.SignedPath(id))).StatusCode);

        // The item page links to it.
        var page = await (await client.GetAsync($"/proposals/{id}")).Content.ReadAsStringAsync();
        Assert.Contains(LetterEndpoints.SignedPath(id, 1), WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }
}
