using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Publication;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// A proposer's evaluation link is theirs alone: no letter that the public, an API caller or any staff member can fetch
/// contains one, in its text or in a QR code; only the Office prints each proposer's own 征询意见表.
/// </summary>
public sealed class PersonalLinkTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private PortalFactory Factory => site.Factory;

    private ItemDriver Driver => site.Driver;

    private static string NoSpace(string s) => Regex.Replace(s, @"[\s\u3000]", string.Empty);

    private Task<HttpClient> SignedInAsync(string userName) => site.SignedInClientAsync(userName);

    /// <summary>The proposers' links of the item's current reply, as the Office sees them.</summary>
    private async Task<IReadOnlyList<EvaluationLink>> LinksAsync(int id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EvaluationLinks>().ForProposalAsync(await Driver.LoadAsync(id));
    }

    /// <summary>
    /// A letter as the earlier layout stored it: the lead proposer's real link as a QR code and as text, kept as the
    /// item's next version and marked as the migration marks such letters.
    /// </summary>
    private async Task<int> StoreLegacyVersionAsync(int id, string url)
    {
        byte[] content;
        using (var pdf = new PdfDocument())
        {
            var page = pdf.AddPage();
            using (var gfx = XGraphics.FromPdfPage(page))
            {
                QrCode.Draw(gfx, url, 80, 500, 90);
                gfx.DrawString("扫码评价本件办理工作 " + url, ProposalPortal.Features.Documents.Fonts.DocumentFonts.Shipped.Get(FontRole.Body, 6),
                    XBrushes.Black, 80, 610);
            }

            content = TypesetRenderer.Save(pdf);
        }

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var current = await db.ReplyDocuments.AsNoTracking().Where(d => d.ProposalId == id).OrderByDescending(d => d.Version).FirstAsync();
        var legacy = new ReplyDocument(id, current.ReplyId, current.Version + 1, current.DocumentNumber, current.FileName, content,
            current.SignerId, current.SignerName, current.SignedAt, current.CertificateSubject, current.CertificateThumbprint);
        db.ReplyDocuments.Add(legacy);
        db.Entry(legacy).Property(d => d.PrintsEvaluationLink).CurrentValue = true;
        await db.SaveChangesAsync();
        return legacy.Version;
    }

    [Fact]
    public async Task NoPublishedApiOrStaffCopyOfALetterContainsAPersonalLink()
    {
        var anonymous = Factory.CreateClient();
        var office = await SignedInAsync(ScenarioSite.Office);
        var handler = await SignedInAsync(ScenarioSite.Handler);
        var links = new List<string>();
        var fetched = new List<(string Route, byte[] Pdf)>();
        var withheld = 0;

        for (var i = 1; i <= 2; i++)
        {
            var id = await Driver.RepliedAsync($"关于个人链接测试{i}的提案", ItemDriver.Draft($"您提出的提案收悉。第{i}件的答复正文。"));
            // Published at once, inside the evaluation window: the link no longer travels with the letter.
            await Driver.StepAsync(id, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
            var itemLinks = await LinksAsync(id);
            Assert.Equal(2, itemLinks.Count);
            links.AddRange(itemLinks.Select(l => l.Url!));
            var legacyVersion = i == 1 ? await StoreLegacyVersionAsync(id, itemLinks[0].Url!) : (int?)null;
            var replyId = (await Driver.LoadAsync(id)).CurrentReply!.Id;
            if (legacyVersion is { } marked)
            {
                // The item page lists the withdrawn version without a link, until the next start reissues it.
                var page = await office.GetStringAsync($"/proposals/{id}");
                Assert.Contains("data-testid=\"withdrawn-letter\"", page, StringComparison.Ordinal);
                Assert.Contains("待重新签章", page, StringComparison.Ordinal);
                Assert.DoesNotContain($"letter?version={marked}", page, StringComparison.Ordinal);
            }

            var routes = new List<(HttpClient Client, string Route)>
            {
                (anonymous, $"/public/replies/{replyId}/pdf"),
                (office, $"/api/v1/proposals/{id}/reply.pdf"),
                (office, LetterEndpoints.SignedPath(id, download: true)),
                (handler, LetterEndpoints.SignedPath(id)),
            };
            await using (var scope = Factory.Services.CreateAsyncScope())
            {
                var versions = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ReplyDocuments
                    .Where(d => d.ProposalId == id).Select(d => d.Version).ToListAsync();
                routes.AddRange(versions.Select(v => (office, LetterEndpoints.SignedPath(id, v, download: true))));
            }

            foreach (var (client, route) in routes)
            {
                var response = await client.GetAsync(route);
                if (legacyVersion is { } legacy && route == LetterEndpoints.SignedPath(id, legacy, download: true))
                {
                    // The version that prints the link is kept in the database but never handed out.
                    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                    withheld++;
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode}");
                Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
                fetched.Add((route, await response.Content.ReadAsByteArrayAsync()));
            }
        }

        Assert.Equal(1, withheld);
        Assert.True(fetched.Count >= 10, $"{fetched.Count} files");
        var tokens = links.Select(l => l[(l.IndexOf(EvaluationLinks.RoutePrefix, StringComparison.Ordinal) + EvaluationLinks.RoutePrefix.Length)..]).ToList();
        foreach (var (route, pdf) in fetched)
        {
            var text = NoSpace(string.Concat(PdfInspection.Read(pdf).Select(p => p.Text)));
            Assert.DoesNotContain(EvaluationLinks.RoutePrefix, text, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens, t => text.Contains(t, StringComparison.Ordinal));
            Assert.DoesNotContain("扫码", text, StringComparison.Ordinal);
            var codes = QrInspection.Decode(pdf);
            Assert.True(codes.Count == 0, $"{route} carries a QR code: {string.Join(", ", codes)}");
        }
    }

    /// <summary>
    /// Marks every stored letter of the item as printing a link, as the upgrade's migration marks such letters: past the
    /// append-only trigger, which is put back, in its own words, in the same transaction.
    /// </summary>
    private async Task WithholdAllLettersAsync(int id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var trigger = await db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE name = 'ReplyDocuments_NoUpdate'").SingleAsync();
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER ReplyDocuments_NoUpdate;");
        Assert.True(await db.Database.ExecuteSqlAsync($"UPDATE ReplyDocuments SET PrintsEvaluationLink = 1 WHERE ProposalId = {id}") > 0);
        await db.Database.ExecuteSqlRawAsync(trigger);
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task WhileAnItemsOnlyLetterAwaitsReissueEveryRouteSaysItIsBeingReSigned()
    {
        var id = await Driver.RepliedAsync("关于重新签章期间下载答复函的提案", ItemDriver.Draft("您提出的提案收悉。重新签章期间的答复正文。"));
        await Driver.StepAsync(id, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        var replyId = (await Driver.LoadAsync(id)).CurrentReply!.Id;
        await WithholdAllLettersAsync(id);
        var office = await SignedInAsync(ScenarioSite.Office);

        var api = await office.GetAsync($"/api/v1/proposals/{id}/reply.pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        var problem = await api.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal(ReplyLetterService.BeingReissued, problem!.Detail);
        Assert.Equal("暂时无法提供", problem.Title);

        var staff = await office.GetAsync(LetterEndpoints.SignedPath(id, download: true));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, staff.StatusCode);
        Assert.Equal(ReplyLetterService.BeingReissued, await staff.Content.ReadAsStringAsync());

        var published = await Factory.CreateClient().GetAsync($"/public/replies/{replyId}/pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, published.StatusCode);
        Assert.Contains(ReplyLetterService.BeingReissued, await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Someone who may not see the item learns nothing of its letter.
        var stranger = await SignedInAsync(ScenarioSite.OtherHandler); // a handler of another section
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/proposals/{id}/reply.pdf")).StatusCode);
    }

    [Fact]
    public async Task OnlyTheOfficeFetchesAProposersFormAndItHoldsThatProposersLink()
    {
        var id = await Driver.RepliedAsync("关于征询意见表测试的提案", ItemDriver.Draft("您提出的提案收悉。答复正文。"));
        var links = await LinksAsync(id);
        var office = await SignedInAsync(ScenarioSite.Office);
        var admin = await SignedInAsync(ScenarioSite.Admin);

        foreach (var client in new[] { office, admin })
        {
            for (var n = 1; n <= 2; n++)
            {
                var response = await client.GetAsync(EvaluationForms.PathFor(id, n));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
                Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
                Assert.Equal([links[n - 1].Url!], QrInspection.Decode(await response.Content.ReadAsByteArrayAsync()));
            }
        }

        var unknown = await office.GetAsync(EvaluationForms.PathFor(id, 3));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("该件没有第3位提出人（共2位）", await unknown.Content.ReadAsStringAsync());

        // The item's own handler, the section's deputy and the director see the item, but not the proposers' keys.
        foreach (var userName in new[] { ScenarioSite.Handler, ScenarioSite.Deputy, ScenarioSite.Director })
        {
            var refused = await (await SignedInAsync(userName)).GetAsync(EvaluationForms.PathFor(id, 1));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("只有办公室可以打印征询意见表", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var challenged = await anonymous.GetAsync(EvaluationForms.PathFor(id, 1));
        Assert.NotEqual(HttpStatusCode.OK, challenged.StatusCode);
        Assert.NotEqual("application/pdf", challenged.Content.Headers.ContentType?.MediaType);

        // Permissions are read afresh: once the administrator's Office role is taken away, the same session is refused.
        await SetRolesAsync(site.Scenario.Admin.StaffId, StaffRoles.Admin);
        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(EvaluationForms.PathFor(id, 1))).StatusCode);
        }
        finally
        {
            await SetRolesAsync(site.Scenario.Admin.StaffId, StaffRoles.Admin | StaffRoles.Office);
        }
    }

    [Fact]
    public async Task TheItemPageOffersTheOfficeEachProposersFormBesideTheirLink()
    {
        var id = await Driver.RepliedAsync("关于意见表链接测试的提案", ItemDriver.Draft("您提出的提案收悉。答复正文。"));

        var page = await (await SignedInAsync(ScenarioSite.Office)).GetStringAsync($"/proposals/{id}");
        Assert.Contains($"href=\"{EvaluationForms.PathFor(id, 1)}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{EvaluationForms.PathFor(id, 2)}\"", page, StringComparison.Ordinal);

        var handlerPage = await (await SignedInAsync(ScenarioSite.Handler)).GetStringAsync($"/proposals/{id}");
        Assert.Contains("data-testid=\"signed-letter\"", handlerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/forms/evaluation/", handlerPage, StringComparison.Ordinal);
    }

    private async Task SetRolesAsync(int staffId, StaffRoles roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var staff = await db.Staff.SingleAsync(s => s.Id == staffId);
        staff.SetRoles(roles, staff.SectionId);
        await db.SaveChangesAsync();
    }
}
