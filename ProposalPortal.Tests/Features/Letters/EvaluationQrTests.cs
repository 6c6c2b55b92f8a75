using Microsoft.EntityFrameworkCore;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Publication;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>征询意见 on the letter: the signed letter prints the lead proposer's own evaluation link as a QR code.</summary>
public sealed class EvaluationQrTests(SignedLetterFixture fixture) : IClassFixture<SignedLetterFixture>
{
    [Fact]
    public async Task TheSignedLetterPrintsTheLeadProposersLinkWhichOpensTheirEvaluation()
    {
        var lead = fixture.Item.Proposers.OrderBy(p => p.Order).First();
        var text = string.Concat(PdfInspection.Read(fixture.Document.Content).Select(p => p.Text));
        Assert.Contains("扫码评价本件办理工作", text, StringComparison.Ordinal);
        Assert.Contains($"{lead.Name}专用", text, StringComparison.Ordinal);

        // The links were made in the sign-off's own transaction, one per proposer, not later on first display.
        await using (var db = fixture.Portal.Db())
        {
            var invitations = await db.EvaluationInvitations.AsNoTracking().Where(i => i.ReplyId == fixture.Document.ReplyId).ToListAsync();
            Assert.Equal(fixture.Item.Proposers.Select(p => p.Id).Order(), invitations.Select(i => i.ProposerId).Order());
        }

        var url = await fixture.Portal.Scoped<EvaluationLinks>().ForAsync(fixture.Document.ReplyId, lead.Id);
        Assert.NotNull(url);
        var token = url[(url.IndexOf(EvaluationLinks.RoutePrefix, StringComparison.Ordinal) + EvaluationLinks.RoutePrefix.Length)..];
        var page = await fixture.Portal.Scoped<EvaluationService>().OpenAsync(token);
        Assert.Equal(lead.Name, page.ProposerName);
        Assert.Equal(fixture.Item.Title, page.Title);
    }

    [Fact]
    public async Task APreviewPrintsNoCodeAndMakesNoLink()
    {
        var letters = fixture.Portal.Scoped<ReplyLetterService>();
        // The demo's 第42号 is under review: its draft can be previewed, and it has no evaluation link yet.
        int id;
        await using (var items = fixture.Portal.Db())
        {
            id = await items.Proposals.Where(p => p.Year == TestPortal.DefaultNow.Year && p.Number == 42).Select(p => p.Id).SingleAsync();
        }


        var (file, error) = await letters.PreviewAsync(id, fixture.Office);

        Assert.Null(error);
        Assert.DoesNotContain("扫码评价", string.Concat(PdfInspection.Read(file!.Content).Select(p => p.Text)), StringComparison.Ordinal);
        await using var db = fixture.Portal.Db();
        Assert.False(await db.EvaluationInvitations.AnyAsync(i => i.ProposalId == id));
    }
}
