using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Letters;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>The file's forms over HTTP, as the item page links to them: staff of the item only.</summary>
public sealed class FormEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
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
    public async Task TheSectionAndTheLeadersGetEachFormAsAPdfLinkedFromTheItemPageAndOthersAreRefused()
    {
        var id = await EnergyItemAwaitingSignOffAsync();
        var energy = factory.CreateClient();
        await HttpSignIn.SignInAsync(energy, "kongjiu");
        var director = factory.CreateClient();
        await HttpSignIn.SignInAsync(director, "yangyi");
        var planning = factory.CreateClient();
        await HttpSignIn.SignInAsync(planning, "heliu");
        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

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
        var id = await EnergyItemAwaitingSignOffAsync();
        var energy = factory.CreateClient();
        await HttpSignIn.SignInAsync(energy, "kongjiu");
        var office = factory.CreateClient();
        await HttpSignIn.SignInAsync(office, "yousi");
        var planning = factory.CreateClient();
        await HttpSignIn.SignInAsync(planning, "heliu");

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
