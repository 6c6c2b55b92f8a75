using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Features.Letters;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Demo;

/// <summary>The demo's signed letters over HTTP: the seed's key reply opens, the same bytes, from every route.</summary>
public sealed class DemoLetterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ADemoReplysLetterOpensFromThePublicPageTheApiAndTheItemPage()
    {
        // The seed's 第199号 of 2022: signed, published, closed; its letter used to be missing (尚无已签发的答复函).
        int id, replyId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            id = await db.Proposals.Where(p => p.Year == 2022 && p.Number == 199).Select(p => p.Id).SingleAsync();
            replyId = (await new ItemDriver(factory.Services, ItemDriver.Accounts.Demo).LoadAsync(id)).CurrentReply!.Id;
        }

        var anonymous = factory.CreateClient();
        Assert.Contains($"/public/replies/{replyId}/pdf", await anonymous.GetStringAsync($"/public/replies/{replyId}"), StringComparison.Ordinal);
        var office = factory.CreateClient();
        await HttpSignIn.SignInAsync(office, "yousi");
        var files = new List<byte[]>();
        foreach (var (client, route) in new[] { (anonymous, $"/public/replies/{replyId}/pdf"), (office, $"/api/v1/proposals/{id}/reply.pdf"), (office, LetterEndpoints.SignedPath(id)) })
        {
            var response = await client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode}");
            files.Add(await response.Content.ReadAsByteArrayAsync());
        }

        Assert.All(files, f => Assert.Equal(files[0], f));
        Assert.Contains("楚市发改复〔2022〕", string.Concat(PdfInspection.Read(files[0]).Select(p => p.Text)), StringComparison.Ordinal);
        Assert.Empty(QrInspection.Decode(files[0]));
    }
}
