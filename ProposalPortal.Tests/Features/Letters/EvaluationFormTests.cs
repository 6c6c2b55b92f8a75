using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Publication;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>
/// 办理情况征询意见表: each proposer's own form carries their own link (read back from its QR code as a phone would), and
/// the letter that goes out with it carries none.
/// </summary>
public sealed class EvaluationFormTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Bureau = new()
    {
        ["Portal:Address"] = "楚雄市测试路8号",
        ["Portal:PostalCode"] = "675000",
        ["Portal:ContactPhone"] = "0878-0000000",
    };

    private TestPortal _portal = null!;
    private Scenario _scenario = null!;
    private Actor _office = null!;
    private Proposal _item = null!;
    private IReadOnlyList<EvaluationLink> _links = [];

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(settings: Bureau);
        _scenario = await Scenario.CreateAsync(_portal);
        _office = _scenario.Office;
        var director = _scenario.Director;
        // An item with two proposers, waiting for the director.
        var id = (await _scenario.ItemAsync(ProposalState.AwaitingSignOff,
            proposers: [new Proposer("提案人甲", "138-0000-0001"), new Proposer("提案人乙", "138-0000-0002")])).Id;

        var service = _portal.Scoped<ProposalService>();
        var result = await service.SignOffAsync(id, (await service.FindAsync(id, _office))!.Version, director);
        Assert.True(result.IsOk, result.Error);
        _item = (await service.FindAsync(id, _office))!;
        _links = await _portal.Scoped<EvaluationLinks>().ForProposalAsync(_item);
        Assert.Equal(2, _links.Count);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static string NoSpace(string s) => Regex.Replace(s, @"[\s\u3000]", string.Empty);

    [Fact]
    public async Task EachProposersFormCarriesTheirOwnLinkAndNoOneElses()
    {
        var forms = _portal.Scoped<EvaluationForms>();
        for (var n = 1; n <= 2; n++)
        {
            var result = await forms.ForAsync(_item.Id, n, _office);
            Assert.True(result.IsOk, result.Error);
            var pdf = result.Value!.Content;
            var own = _links[n - 1].Url!;
            var other = _links[2 - n].Url!;

            var codes = QrInspection.Decode(pdf);
            Assert.Equal([own], codes);
            var text = NoSpace(string.Concat(PdfInspection.Read(pdf).Select(p => p.Text)));
            Assert.Contains(own, text, StringComparison.Ordinal);
            Assert.DoesNotContain(other, text, StringComparison.Ordinal);
            Assert.Contains(_links[n - 1].ProposerName + "委员", text, StringComparison.Ordinal);
            File.WriteAllBytes(Path.Combine(Repository.Artifacts, $"evaluation-form-{n}.pdf"), pdf);
        }
    }

    [Fact]
    public async Task TheFormNamesTheItemTheReplyTheRatingsTheDeadlineAndTheReturnAddressOnOnePage()
    {
        var result = await _portal.Scoped<EvaluationForms>().ForAsync(_item.Id, 1, _office);

        PdfInspection.AssertQpdfCheckPasses(result.Value!.Content, "evaluation-form");
        var pages = PdfInspection.Read(result.Value!.Content);
        var page = Assert.Single(pages);
        var text = NoSpace(page.Text);
        var reply = _item.CurrentReply!;
        Assert.Contains("办理情况征询意见表", text, StringComparison.Ordinal);
        Assert.Contains(_item.Session, text, StringComparison.Ordinal);
        Assert.Contains($"第{_item.Number}号", text, StringComparison.Ordinal);
        Assert.Contains(NoSpace(_item.Title), text, StringComparison.Ordinal);
        Assert.Contains(reply.DocumentNumber!, text, StringComparison.Ordinal);
        Assert.Contains(ProposalPortal.Domain.ChineseDate.Format(reply.IssuedOn!.Value), text, StringComparison.Ordinal);
        // The verdict and the same three dimensions the online form and the Office's entry ask, each with its boxes.
        foreach (var label in EvaluationRatings.DimensionNames.Prepend("总体评价"))
        {
            Assert.Contains($"{label}：□满意□基本满意□不满意", text, StringComparison.Ordinal);
        }

        Assert.Contains("意见和建议", text, StringComparison.Ordinal);
        Assert.Contains("在线评价截止：" + ProposalPortal.Domain.ChineseDate.Format(_links[0].ExpiresOn), text, StringComparison.Ordinal);
        Assert.Contains("回寄地址：楚雄市测试路8号", text, StringComparison.Ordinal);
        Assert.Contains("675000", text, StringComparison.Ordinal);
        Assert.Contains("0878-0000000", text, StringComparison.Ordinal);
        PdfInspection.RenderPng(result.Value.Content, "evaluation-form-page-1", dpi: 80);
    }

    [Fact]
    public async Task TheLetterSignedWithTheFormsCarriesNoLinkAndNoCode()
    {
        await using var db = _portal.Db();
        var letter = await db.ReplyDocuments.AsNoTracking().Where(d => d.ProposalId == _item.Id).SingleAsync();

        Assert.Empty(QrInspection.Decode(letter.Content));
        var text = string.Concat(PdfInspection.Read(letter.Content).Select(p => p.Text));
        Assert.DoesNotContain(EvaluationLinks.RoutePrefix, text, StringComparison.Ordinal);
        Assert.DoesNotContain("扫码", text, StringComparison.Ordinal);
        // The links were still made in the sign-off's own transaction, one per proposer.
        var invitations = await db.EvaluationInvitations.AsNoTracking().Where(i => i.ReplyId == letter.ReplyId).ToListAsync();
        Assert.Equal(_item.Proposers.Select(p => p.Id).Order(), invitations.Select(i => i.ProposerId).Order());
        Assert.True(invitations.All(i => i.CreatedAt <= letter.SignedAt));
    }

    [Fact]
    public async Task AnUnknownProposerOrAnItemWithoutAnIssuedLetterHasNoForm()
    {
        var forms = _portal.Scoped<EvaluationForms>();

        foreach (var n in new[] { 0, 3 })
        {
            var refused = await forms.ForAsync(_item.Id, n, _office);
            Assert.Equal(404, LetterEndpoints.StatusOf(refused.Kind));
            Assert.Equal($"该件没有第{n}位提出人（共2位）", refused.Error);
        }

        var underReview = (await _scenario.ItemAsync(ProposalState.UnderReview)).Id;

        var none = await forms.ForAsync(underReview, 1, _office);
        Assert.Equal(404, LetterEndpoints.StatusOf(none.Kind));
        Assert.Equal("该件尚无已签发的答复函，没有征询意见表", none.Error);
    }

    [Fact]
    public async Task OnlyTheOfficePrintsTheForms()
    {
        var forms = _portal.Scoped<EvaluationForms>();
        await using var db = _portal.Db();
        var handler = Actor.For(await db.Staff.SingleAsync(s => s.Id == _item.Responsibility!.HandlerId), []);

        foreach (var actor in new[] { handler, _scenario.Director, _scenario.Deputy })
        {
            var refused = await forms.ForAsync(_item.Id, 1, actor);
            Assert.Equal(403, LetterEndpoints.StatusOf(refused.Kind));
            Assert.Null(refused.Value);
        }

        Assert.True((await forms.ForAsync(_item.Id, 1, _scenario.Admin)).IsOk);
    }
}
