using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.UseCases;
using ProposalPortal.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>
/// The draft reply and Word, both ways: the .docx in the letter's layout read back with the Open XML SDK, a .docx's
/// text saved as the draft through SaveDraft, a bad file refused with the draft unchanged, and who may have the draft.
/// </summary>
public sealed class DraftWordTests : IAsyncLifetime
{
    private const string Body = "您提出的《关于测试事项的提案》收悉，现答复如下：\n一、基本情况\n我局高度重视，组织专班研究。\n（一）加强组织领导。\n成立了工作专班。\n二、下步工作\n继续推进充电设施建设。";

    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<Proposal> DraftedAsync(string body = Body)
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var handler = _scenario.Handler;
        await _scenario.StepAsync(item.Id, handler, (p, c) => p.SaveDraft(handler, ProposalBuilder.Draft() with { Body = body }, c));
        return await _scenario.FindAsync(item.Id);
    }

    private static List<(string Text, string? Style)> Paragraphs(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Select(p => (string.Concat(p.Descendants<Text>().Select(t => t.Text)), p.ParagraphProperties?.ParagraphStyleId?.Val?.Value)).ToList();
    }

    [Fact]
    public async Task TheDownloadIsTheLetterInWordWithItsTitleBodyAndHeadingLevelsOnTheGb9704Page()
    {
        var item = await DraftedAsync();

        var result = await _portal.Scoped<DraftWord>().DownloadAsync(item.Id, _scenario.Handler);

        Assert.True(result.IsOk, result.Error);
        var docx = result.Value!.Content;
        var paragraphs = Paragraphs(docx);
        Assert.Equal(($"楚雄市发展和改革局关于{item.Designation}的答复", "Title"), paragraphs[0]);
        Assert.Contains(("提案人甲委员：", (string?)null), paragraphs);
        Assert.Contains(("一、基本情况", "Heading1"), paragraphs);
        Assert.Contains(("二、下步工作", "Heading1"), paragraphs);
        Assert.Contains(("（一）加强组织领导。", "Heading2"), paragraphs);
        Assert.Contains(("我局高度重视，组织专班研究。", (string?)null), paragraphs);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        string FaceOf(string id) => styles.Elements<Style>().Single(s => s.StyleId == id).StyleRunProperties!.RunFonts!.EastAsia!.Value!;
        Assert.Equal(SummaryDocx.BodyFont, FaceOf("Normal"));
        Assert.Equal(SummaryDocx.TitleFont, FaceOf("Title"));
        var margins = document.MainDocumentPart.Document!.Body!.GetFirstChild<SectionProperties>()!.GetFirstChild<PageMargin>()!;
        Assert.InRange(margins.Top!.Value, 37 * 1440 / 25.4 - 30, 37 * 1440 / 25.4 + 30);
        Assert.InRange((double)margins.Left!.Value, 28 * 1440 / 25.4 - 30, 28 * 1440 / 25.4 + 30);
    }

    [Fact]
    public async Task ADownloadedDraftEditedAndUploadedFillsTheDraftWithItsParagraphsAndHeadingsThroughSaveDraft()
    {
        var item = await DraftedAsync();
        var word = _portal.Scoped<DraftWord>();
        var docx = (await word.DownloadAsync(item.Id, _scenario.Handler)).Value!.Content;

        // Review in the OA system adds a paragraph under the second heading.
        using (var stream = new MemoryStream())
        {
            stream.Write(docx);
            using (var document = WordprocessingDocument.Open(stream, true))
            {
                var body = document.MainDocumentPart!.Document!.Body!;
                var heading = body.Elements<Paragraph>().First(p => p.InnerText == "二、下步工作");
                heading.InsertAfterSelf(new Paragraph(new Run(new Text("力争年内建成公共充电桩200个。"))));
                document.MainDocumentPart.Document.Save();
            }

            docx = stream.ToArray();
        }

        var read = word.ReadBody(item, docx, "答复稿（审核后）.docx");
        Assert.True(read.IsOk, read.Error);
        Assert.Equal(Body.Replace("二、下步工作\n", "二、下步工作\n力争年内建成公共充电桩200个。\n", StringComparison.Ordinal)
            .Replace("继续推进充电设施建设。", "继续推进充电设施建设。\n感谢您对我局工作的关心和支持。", StringComparison.Ordinal), read.Value);

        var saved = await _portal.Scoped<UseCase<SaveDraft>>().HandleAsync(
            new SaveDraft(item.Id, item.Version, ProposalBuilder.Draft() with { Body = read.Value! }), _scenario.Handler);
        Assert.True(saved.IsOk, saved.Error);
        var draft = (await _scenario.FindAsync(item.Id)).CurrentReply!.Body;
        Assert.Contains("二、下步工作\n力争年内建成公共充电桩200个。", draft, StringComparison.Ordinal);
        Assert.Contains("（一）加强组织领导。\n", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadingsThatWordNumberedItselfGetTheirNumbersWrittenOut()
    {
        var docx = SummaryDocx.Write("稿", "测试", [
            new("基本情况", DocxStyle.Heading1), new("加强领导。", DocxStyle.Heading2), new("正文一。"), new("落实措施", DocxStyle.Heading2),
            new("下步工作", DocxStyle.Heading1), new("正文二。")]);

        var read = DraftDocx.ReadBody(docx, "稿.docx", null);

        Assert.Equal("一、基本情况\n（一）加强领导。\n正文一。\n（二）落实措施\n二、下步工作\n正文二。", read.Value);
    }

    [Fact]
    public async Task AFileThatIsNotADocxOrIsBrokenIsRefusedInChineseAndTheDraftStaysAsItWas()
    {
        var item = await DraftedAsync();
        var word = _portal.Scoped<DraftWord>();

        var doc = word.ReadBody(item, [0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0], "答复稿.doc");
        Assert.Equal(DraftDocx.NotDocx, doc.Error);
        var broken = word.ReadBody(item, "PK\u0003\u0004 not really a zip"u8.ToArray(), "答复稿.docx");
        Assert.Equal(DraftDocx.Broken, broken.Error);
        var renamed = word.ReadBody(item, "<html>答复</html>"u8.ToArray(), "答复稿.docx");
        Assert.Equal(DraftDocx.Broken, renamed.Error);
        var empty = word.ReadBody(item, SummaryDocx.Write("稿", "测试", [new(string.Empty)]), "空白.docx");
        Assert.Equal(DraftDocx.Empty, empty.Error);

        var after = await _scenario.FindAsync(item.Id);
        Assert.Equal(Body, after.CurrentReply!.Body);
        Assert.Equal(item.Version, after.Version);
    }

    [Fact]
    public async Task OnlyTheSectionAndThoseWhoReviewAndSignOffGetTheDraft()
    {
        var item = await DraftedAsync();
        var word = _portal.Scoped<DraftWord>();

        foreach (var actor in new[] { _scenario.Handler, _scenario.Deputy, _scenario.Director })
        {
            Assert.True((await word.DownloadAsync(item.Id, actor)).IsOk, actor.Name);
        }

        var office = await word.DownloadAsync(item.Id, _scenario.Office);
        Assert.Equal(403, LetterEndpoints.StatusOf(office.Kind));
        Assert.Equal(DraftWord.NotAllowed, office.Error);
        var otherDeputy = await word.DownloadAsync(item.Id, _scenario.OtherDeputy);
        Assert.Equal(403, LetterEndpoints.StatusOf(otherDeputy.Kind));
        var otherSection = await word.DownloadAsync(item.Id, _scenario.OtherHandler);
        Assert.Equal(404, LetterEndpoints.StatusOf(otherSection.Kind));
        var proposer = await word.DownloadAsync(item.Id, Actor.Proposer(item.Proposers[0].Id, "提案人甲"));
        Assert.Equal(404, LetterEndpoints.StatusOf(proposer.Kind));
    }
}
