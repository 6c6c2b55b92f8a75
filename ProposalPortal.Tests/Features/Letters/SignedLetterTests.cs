using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>One real sign-off on a <see cref="TestSupport.Scenario"/>'s key item, with a long reply so that the letter runs to two pages.</summary>
public sealed class SignedLetterFixture : IAsyncLifetime
{
    public TestPortal Portal { get; private set; } = null!;
    public Actor Director { get; private set; } = null!;
    public Actor Office { get; private set; } = null!;
    public Proposal Item { get; private set; } = null!;
    public ReplyDocument Document { get; private set; } = null!;
    public LetterContent Content { get; private set; } = null!;

    public Scenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        Scenario = await Scenario.CreateAsync(Portal);
        Director = Scenario.Director;
        Office = Scenario.Office;
        var id = await LongReplyAwaitingSignOffAsync(Scenario);
        var service = Portal.Scoped<ProposalService>();
        var before = (await service.FindAsync(id, Office))!;

        var result = await service.SignOffAsync(id, before.Version, Director);

        Assert.True(result.IsOk, result.Error);
        Item = (await service.FindAsync(id, Office))!;
        await using var db = Portal.Db();
        Document = await db.ReplyDocuments.SingleAsync(d => d.ProposalId == id);
        var reply = Item.CurrentReply!;
        Content = Portal.Scoped<ReplyLetterService>().Content(Item, reply,
            new DocumentNumber("楚市发改复", reply.DocumentYear!.Value, reply.DocumentSerial!.Value), reply.IssuedOn!.Value, isPreview: false);
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    public static Task<Actor> ActorAsync(TestPortal portal, string name) => portal.ActorAsync(name);

    /// <summary>A reply long enough for two pages, with half-width punctuation as typed.</summary>
    public const string LongBody =
        "您提出的《关于加快推进新能源汽车充电设施建设的提案》收悉，现答复如下：\n" +
        "我市已于2018年5月8日将电动汽车充电基础设施建设特许经营权授权划入楚雄市城乡建设投资集团有限公司，并编制审定了《楚雄市充电基础设施建设规划（2019-2023年）》，由该公司牵头招募项目合作伙伴，按审定规划推进项目实施。\n" +
        "市人民政府于2018年11月1日以楚市政通〔2018〕60号文件公布实施了《楚雄市加快新能源汽车推广应用工作方案》，明确了新能源汽车推广应用、充电基础设施建设工作目标和财政补贴政策。\n" +
        "截至目前，楚雄市已累计建成集中式充电站3座，分散式充电点23个，累计充电桩255个。下一步，我局将会同有关部门，围绕“十四五”规划目标，统筹布局公共充电设施，推动居住区、办公场所和公共停车场配建充电桩，加快形成适度超前、布局合理的充电网络。\n" +
        "一是加强规划引领。结合国土空间规划和城市更新，将充电设施纳入控制性详细规划，预留建设用地和电力容量。\n" +
        "二是加大政策支持。积极争取中央和省级预算内资金支持，落实充电设施建设运营补贴，降低建设和运营成本。\n" +
        "三是优化服务保障。督促运营企业加强设施维护，推动充电设施互联互通，提升用户体验。\n" +
        "感谢您对发展改革工作的关心和支持，欢迎继续提出宝贵意见和建议。";

    /// <summary>The director sends the item back, the handler rewrites the draft, the deputy approves it again.</summary>
    public static async Task RewriteDraftAsync(TestPortal portal, int id, Actor director, string body)
    {
        var service = portal.Scoped<ProposalService>();
        var p = (await service.FindAsync(id, director))!;
        Assert.True((await service.ExecuteAsync(id, p.Version, director, (x, c) => x.SendBackFromSignOff(director, "请充实答复内容", c))).IsOk);
        await using var db = portal.Db();
        var handler = Actor.For(await db.Staff.SingleAsync(s => s.Id == p.Responsibility!.HandlerId), []);
        var section = await db.Sections.SingleAsync(s => s.Id == p.Responsibility!.SectionId);
        var deputy = await ActorAsync(portal, (await db.Staff.SingleAsync(s => s.Id == section.DeputyDirectorId)).Name);
        var old = p.CurrentReply!;
        var draft = new ReplyDraft(old.Category, old.Disclosure, old.DisclosureReason, body, old.ContactLines, old.CcList);
        foreach (var (actor, step) in new (Actor, Func<Proposal, WorkflowContext, Result>)[]
                 {
                     (handler, (x, c) => x.SaveDraft(handler, draft, c)),
                     (handler, (x, c) => x.SubmitForReview(handler, c)),
                     (deputy, (x, c) => x.ApproveReview(deputy, null, c)),
                 })
        {
            p = (await service.FindAsync(id, director))!;
            var result = await service.ExecuteAsync(id, p.Version, actor, step);
            Assert.True(result.IsOk, result.Error);
        }
    }

    /// <summary>
    /// A key item of <paramref name="scenario"/> proposed by two members, its reply <see cref="LongBody"/> with the contact
    /// lines and copies a real reply carries, reviewed and waiting for the director.
    /// </summary>
    public static async Task<int> LongReplyAwaitingSignOffAsync(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var item = await scenario.TitledItemAsync("关于加快推进新能源汽车充电设施建设的提案", ProposalState.InProgress, key: true,
            proposers: [new Proposer("杞某荣", "138-0000-0501"), new Proposer("徐某", "138-0000-0502")]);
        var draft = new ReplyDraft(ResultCategory.A, Disclosure.Publish, null, LongBody,
            $"联系单位：{scenario.Section.Name}\n联系人：{scenario.Deputy.Name}（责任领导）、{scenario.Handler.Name}（承办人）\n联系电话：138-0000-0011",
            "市人民政府办公室，市政协提案委员会");
        await scenario.StepAsync(item.Id, scenario.Handler, (p, c) => p.SaveDraft(scenario.Handler, draft, c));
        await scenario.StepAsync(item.Id, scenario.Handler, (p, c) => p.SubmitForReview(scenario.Handler, c));
        await scenario.StepAsync(item.Id, scenario.Deputy, (p, c) => p.ApproveReview(scenario.Deputy, null, c));
        return item.Id;
    }

    /// <summary>An item of this year waiting for the director.</summary>
    public static async Task<int> AwaitingSignOffAsync(TestPortal portal, int skip = 0)
    {
        await using var db = portal.Db();
        return await db.Proposals.Where(p => p.Year == portal.Clock.Today.Year && p.State == ProposalState.AwaitingSignOff)
            .OrderBy(p => p.Id).Select(p => p.Id).Skip(skip).FirstAsync();
    }
}

/// <summary>The signed reply letter as the proposer, a reader program and a verifier see it.</summary>
public sealed class SignedLetterTests(SignedLetterFixture fixture) : IClassFixture<SignedLetterFixture>
{
    private static readonly PageGeometry Grid = PageGeometry.Gb9704;
    private byte[] Pdf => fixture.Document.Content;

    private static string NoSpace(string s) => Regex.Replace(s, @"[\s\u3000]", string.Empty);

    [Fact]
    public void EveryStreamOfTheSignedLetterIsValidZlibForQpdf() => PdfInspection.AssertQpdfCheckPasses(Pdf, "signed-letter");

    [Fact]
    public void TheTextOfTheLetterIsTheReplyInReadingOrder()
    {
        var pages = PdfInspection.Read(Pdf);
        var text = string.Concat(pages.SelectMany(p => p.Glyphs.Where(g => g.Baseline < Grid.Bottom + 5)).Select(g => g.Text));
        var c = fixture.Content;
        var expected = string.Concat(new[] { c.Category, c.Masthead, c.DocumentNumber, c.Title, c.Addressee }
            .Concat(c.Paragraphs).Concat([c.Signature, c.Date, c.Note]).Concat(c.ContactLines).Concat([c.CopyTo, c.PrintedBy, c.PrintedOn]));

        Assert.Equal(NoSpace(expected), NoSpace(text));
        // The draft's own words are in the letter, in Chinese punctuation, one after another.
        var body = ChineseLineBreaker.ToChinesePunctuation(fixture.Item.CurrentReply!.Body.Split('\n')[1].Trim());
        Assert.Contains(NoSpace(body), NoSpace(text));
        Assert.Contains("楚雄市发展和改革局关于", text);
        Assert.Matches(@"^楚市发改复〔\d{4}〕\d+号$", c.DocumentNumber);
        Assert.DoesNotContain(text, ch => ch is >= '\u2E80' and <= '\u2FDF');
    }

    [Fact]
    public void MastheadNumberTitleAndDateSitWhereTheStandardPutsThem()
    {
        var page = PdfInspection.Read(Pdf)[0];
        var glyphs = page.Glyphs;
        PdfInspection.Glyph First(string text) => glyphs.First(g => g.Text == text[..1] && string.Concat(glyphs.SkipWhile(x => x != g).Take(text.Length).Select(x => x.Text)) == text);
        double BaselineOf(int line, double size, int span = 1) => Grid.LineTop(line) + (span * Grid.LinePitch - size) / 2 + 0.88 * size;

        // Category mark: line 1, at the right edge of the type area.
        var category = First(fixture.Content.Category!);
        Assert.Equal(BaselineOf(0, 16), category.Baseline, 1.5);
        Assert.InRange(category.Left, Grid.Right - Grid.Cell - 1, Grid.Right);

        // Masthead: red, centred, on lines 2–3.
        var masthead = glyphs.Where(g => g.FontSize > 30).ToList();
        Assert.Equal(fixture.Content.Masthead, string.Concat(masthead.Select(g => g.Text)));
        Assert.Equal((Grid.Left + Grid.Right) / 2, (masthead[0].Left + masthead[^1].Left + masthead[^1].Width) / 2, 2.0);
        Assert.Equal(BaselineOf(1, LetterRenderer.MastheadSize, 2), masthead[0].Baseline, 1.5);

        // Document number: centred, two lines under the masthead (line 6).
        var number = First(fixture.Content.DocumentNumber);
        Assert.Equal(BaselineOf(5, 16), number.Baseline, 1.5);
        var numberGlyphs = glyphs.SkipWhile(g => g != number).Take(fixture.Content.DocumentNumber.Length).ToList();
        Assert.Equal((Grid.Left + Grid.Right) / 2, (numberGlyphs[0].Left + numberGlyphs[^1].Left + numberGlyphs[^1].Width) / 2, Grid.Cell / 2 + 1);

        // Title: 2号, centred, two lines under the red rule (line 9).
        var title = glyphs.Where(g => Math.Abs(g.FontSize - 22) < 0.5).ToList();
        Assert.Equal(fixture.Content.Title, string.Concat(title.Select(g => g.Text)));
        Assert.Equal(BaselineOf(8, 22), title[0].Baseline, 1.5);

        // Addressee flush left on the line after the blank one.
        var addressee = First(fixture.Content.Addressee);
        Assert.Equal(Grid.Left + (Grid.Cell - 16) / 2, addressee.Left, 1.0);

        // The date ends four characters from the right edge, on a grid line of its page.
        var last = PdfInspection.Read(Pdf).First(p => p.Text.Contains(fixture.Content.Date, StringComparison.Ordinal));
        var dateGlyphs = last.Glyphs.Skip(last.Text.IndexOf(fixture.Content.Date, StringComparison.Ordinal)).Take(fixture.Content.Date.Length).ToList();
        Assert.Equal(fixture.Content.Date, string.Concat(dateGlyphs.Select(g => g.Text)));
        var dateRight = dateGlyphs[^1].Left + (Grid.Cell + 16) / 2;
        Assert.Equal(Grid.Right - 4 * Grid.Cell, dateRight, 1.5);
        var line = (dateGlyphs[0].Baseline - BaselineOf(0, 16)) / Grid.LinePitch;
        Assert.Equal(Math.Round(line), line, 2);
    }

    [Fact]
    public void EveryPageIsA4AndALongReplyRunsOntoASecondPageWithItsNumber()
    {
        var pages = PdfInspection.Read(Pdf);

        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        Assert.All(pages, p =>
        {
            Assert.Equal(595.28, p.Width, 0.5);
            Assert.Equal(841.89, p.Height, 0.5);
        });

        // Double-sided printing: the 版记 is on the last page, an even one. This reply fills two pages and the 版记 does
        // not fit under it, so page 3 is left blank and page 4 carries the 版记; neither is numbered (GB/T 9704 7.5.1).
        Assert.Equal(4, pages.Count);
        Assert.All(pages.Take(2), p => Assert.Contains(TypesetRenderer.PageNumberText(p.Number), p.Text, StringComparison.Ordinal));
        Assert.Empty(pages[2].Glyphs);
        Assert.StartsWith("抄送", pages[3].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("—", pages[3].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FontsAreEmbeddedAsSubsets()
    {
        // Columns: name type encoding emb sub uni; every font embedded, subset ("ABCDEF+" prefix) and mapped to Unicode.
        PdfInspection.AssertFontsEmbeddedAsSubsets(Pdf);
        Assert.True(Pdf.Length < 150 * 1024, $"{Pdf.Length / 1024} KB");
    }

    [Fact]
    public void TheSignatureVerifiesOverItsByteRangeAndSaysWhoWhereAndWhy()
    {
        var (signed, signature) = SignedParts(Pdf);
        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        cms.Decode(signature);

        cms.CheckSignature(verifySignatureOnly: true);
        var signer = Assert.Single(cms.SignerInfos.Cast<SignerInfo>());
        Assert.Equal(fixture.Document.CertificateThumbprint, signer.Certificate!.Thumbprint);
        var time = signer.SignedAttributes.Cast<CryptographicAttributeObject>()
            .SelectMany(a => a.Values.Cast<AsnEncodedData>()).OfType<AsnEncodedData>()
            .Select(v => v.Oid?.Value == "1.2.840.113549.1.9.5" ? new Pkcs9SigningTime(v.RawData).SigningTime : (DateTime?)null)
            .Single(t => t is not null);
        Assert.Equal(fixture.Portal.Time.GetUtcNow().UtcDateTime, time!.Value, TimeSpan.FromSeconds(1));

        var pdfsig = PdfInspection.Run("/usr/bin/pdfsig", WriteTemp(Pdf));
        Assert.Contains("Signature is Valid.", pdfsig.Output, StringComparison.Ordinal);
        Assert.Contains("Total document signed", pdfsig.Output, StringComparison.Ordinal);
        Assert.Contains("Signing Time: " + fixture.Portal.Time.GetUtcNow().ToString("MMM dd yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture), pdfsig.Output, StringComparison.Ordinal);

        // The signature dictionary's reason and location, as PDF text strings (UTF-16BE with a byte-order mark).
        Assert.Equal("签发", PdfTextString(Pdf, "/Reason"));
        Assert.Equal("楚雄市", PdfTextString(Pdf, "/Location"));
    }

    [Fact]
    public void AByteChangedAfterSigningFailsVerification()
    {
        var tampered = (byte[])Pdf.Clone();
        // Change a digit of the document number's page content? The content is compressed: flip a byte in the
        // middle of the first signed range instead, which is what any edit to the file does.
        var index = Encoding.Latin1.GetString(tampered).IndexOf("/Title", StringComparison.Ordinal) + 8;
        tampered[index] ^= 0x01;

        var (signed, signature) = SignedParts(tampered);
        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        cms.Decode(signature);
        Assert.ThrowsAny<CryptographicException>(() => cms.CheckSignature(verifySignatureOnly: true));
        var pdfsig = PdfInspection.Run("/usr/bin/pdfsig", WriteTemp(tampered));
        Assert.DoesNotContain("Signature is Valid.", pdfsig.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadsGiveTheStoredBytesEveryTimeAndTheAuditTrailHasTheirHash()
    {
        var letters = fixture.Portal.Scoped<ReplyLetterService>();

        var first = await letters.SignedAsync(fixture.Item.Id, null, fixture.Office);
        var second = await letters.SignedAsync(fixture.Item.Id, 1, fixture.Office);

        Assert.Equal(Pdf, first!.Content);
        Assert.Equal(Pdf, second!.Content);
        Assert.Equal(ReplyDocument.HashOf(Pdf), first.Sha256);
        Assert.Equal(fixture.Item.CurrentReply!.DocumentNumber + ".pdf", first.FileName);
        var issued = Assert.Single(fixture.Item.AuditTrail, a => a.Action == Proposal.IssueLetterAction);
        Assert.Contains(first.Sha256!, issued.Comment, StringComparison.Ordinal);
        Assert.Contains(fixture.Item.CurrentReply.DocumentNumber!, issued.Comment, StringComparison.Ordinal);
        Assert.Equal(fixture.Director.Name, issued.ActorName);
    }

    [Fact]
    public async Task SectionStaffOfAnotherSectionGetNeitherTheLetterNorThePreview()
    {
        await using var db = fixture.Portal.Db();
        var stranger = await db.Staff.FirstAsync(s => s.Roles == StaffRoles.SectionStaff && s.SectionId != fixture.Item.Responsibility!.SectionId);
        var handler = await db.Staff.SingleAsync(s => s.Id == fixture.Item.Responsibility!.HandlerId);
        var letters = fixture.Portal.Scoped<ReplyLetterService>();

        Assert.Null(await letters.SignedAsync(fixture.Item.Id, null, Actor.For(stranger, [])));
        Assert.Equal("找不到该件，或您无权查看该件", (await letters.PreviewAsync(fixture.Item.Id, Actor.For(stranger, []))).Error);
        Assert.Equal(Pdf, (await letters.SignedAsync(fixture.Item.Id, null, Actor.For(handler, [])))!.Content);
    }

    [Fact]
    public void ThePagesLookLikeAnOfficialLetter()
    {
        // Rendered for a person to look at (test-artifacts/letter-page-1.png, -2.png and the PDF itself); here only
        // that poppler can draw every page.
        File.WriteAllBytes(Path.Combine(Repository.Artifacts, "signed-letter.pdf"), Pdf);
        for (var page = 1; page <= PdfInspection.Read(Pdf).Count; page++)
        {
            var png = PdfInspection.RenderPng(Pdf, $"letter-page-{page}", page, dpi: 80);
            var blank = PdfInspection.Read(Pdf)[page - 1].Glyphs.Count == 0; // the blank page before the 版记 page
            Assert.True(blank || new FileInfo(png).Length > 10_000, $"page {page} should carry text");
        }
    }

    /// <summary>The bytes the signature covers (its /ByteRange) and the signature itself (/Contents).</summary>
    internal static (byte[] Signed, byte[] Signature) SignedParts(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var range = Regex.Match(text, @"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]");
        Assert.True(range.Success, "no /ByteRange");
        var n = Enumerable.Range(1, 4).Select(i => int.Parse(range.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(0, n[0]);
        Assert.Equal(pdf.Length, n[2] + n[3]);
        var signed = pdf.AsSpan(n[0], n[1]).ToArray().Concat(pdf.AsSpan(n[2], n[3]).ToArray()).ToArray();
        // /Contents is the DER signature padded with zeros: cut it at the length its own header gives.
        var padded = Convert.FromHexString(text[(n[1] + 1)..(n[2] - 1)]);
        Assert.Equal(0x30, padded[0]);
        var length = padded[1] < 0x80 ? 2 + padded[1] : 2 + (padded[1] & 0x7F) + padded.AsSpan(2, padded[1] & 0x7F).ToArray().Aggregate(0, (a, b) => a * 256 + b);
        return (signed, padded[..length]);
    }

    private static string PdfTextString(byte[] pdf, string key)
    {
        var match = Regex.Match(Encoding.Latin1.GetString(pdf), Regex.Escape(key) + @"\s*<FEFF([0-9A-F]+)>");
        Assert.True(match.Success, key + " missing");
        return Encoding.BigEndianUnicode.GetString(Convert.FromHexString(match.Groups[1].Value));
    }

    private static string WriteTemp(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"letter-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }
}
