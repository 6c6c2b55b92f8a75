using System.Net;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Letters;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>The file's forms over HTTP, as the item page links to them: staff of the item only (a scenario's people).</summary>
public sealed class FormEndpointTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    /// <summary>An item of the scenario's section, its draft reviewed and waiting for the director.</summary>
    private async Task<int> ItemAwaitingSignOffAsync() => (await site.Scenario.ItemAsync(ProposalState.AwaitingSignOff)).Id;

    [Fact]
    public async Task TheSectionAndTheLeadersGetEachFormAsAPdfLinkedFromTheItemPageAndOthersAreRefused()
    {
        var id = await ItemAwaitingSignOffAsync();
        var energy = await site.SignedInClientAsync(ScenarioSite.Handler);
        var director = await site.SignedInClientAsync(ScenarioSite.Director);
        var planning = await site.SignedInClientAsync(ScenarioSite.OtherHandler);
        var anonymous = site.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var form in Enum.GetValues<FileForm>())
        {
            var path = OfficialForms.PathFor(id, form);
            foreach (var client in new[] { energy, director })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
                Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await response.Content.ReadAsByteArrayAsync())[..5]), StringComparison.Ordinal);
            }

            var refused = await planning.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("找不到该件，或您无权查看该件", await refused.Content.ReadAsStringAsync());
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        }

        var page = await (await energy.GetAsync($"/proposals/{id}")).Content.ReadAsStringAsync();
        foreach (var form in Enum.GetValues<FileForm>())
        {
            Assert.Contains(OfficialForms.PathFor(id, form), page, StringComparison.Ordinal);
        }

        Assert.Contains("交办通知单", page, StringComparison.Ordinal);
        Assert.Contains("签批单", page, StringComparison.Ordinal);
        Assert.Contains("回执", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDraftAsWordAndItsVersionsAreForTheSectionAndTheLeadersNotForTheOffice()
    {
        var id = await ItemAwaitingSignOffAsync();
        var energy = await site.SignedInClientAsync(ScenarioSite.Handler);
        var office = await site.SignedInClientAsync(ScenarioSite.Office);
        var planning = await site.SignedInClientAsync(ScenarioSite.OtherHandler);

        var docx = await energy.GetAsync(DraftWord.DownloadPath(id));
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(DraftDocx.ContentType, docx.Content.Headers.ContentType!.MediaType);
        var refused = await office.GetAsync(DraftWord.DownloadPath(id));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(DraftWord.NotAllowed, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await planning.GetAsync(DraftWord.DownloadPath(id))).StatusCode);

        var versions = await (await energy.GetAsync(DraftHistory.PathFor(id))).Content.ReadAsStringAsync();
        Assert.Contains("答复稿版本", versions, StringComparison.Ordinal);
        Assert.Contains("第1稿", versions, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"draft-version-list\"", versions, StringComparison.Ordinal);
        var officeView = await (await office.GetAsync(DraftHistory.PathFor(id))).Content.ReadAsStringAsync();
        Assert.Contains(DraftWord.NotAllowed, officeView, StringComparison.Ordinal);
        Assert.DoesNotContain("draft-version-list", officeView, StringComparison.Ordinal);
    }
}
