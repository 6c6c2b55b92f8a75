using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Documents.Typesetting;
using ProposalPortal.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Demo;

/// <summary>The demo database and its 2022 summary PDF, made once for the read-only tests.</summary>
public sealed class SummaryPdfFixture : IAsyncLifetime
{
    public TestPortal Portal { get; private set; } = null!;
    public byte[] Pdf { get; private set; } = [];
    public IReadOnlyList<PdfInspection.PageContent> Pages { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync(demo: true);
        var (pdf, error) = await Portal.Scoped<AnnualSummaryService>().PdfAsync(2022);
        Assert.Null(error);
        Pdf = pdf!;
        Pages = PdfInspection.Read(Pdf);
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

/// <summary>The annual summary as a PDF from the official-document typesetter (issue 5).</summary>
public sealed class SummaryPdfTests(SummaryPdfFixture fixture) : IClassFixture<SummaryPdfFixture>
{
    private static readonly PageGeometry Grid = PageGeometry.Gb9704;

    /// <summary>
    /// The seed's opening as printed. The portal keeps the seed's half-width , ; ( ) as stored; the PDF and the .docx
    /// (<see cref="AnnualSummaryTests"/>) are set like an official document, which prints the
    /// full-width marks next to Chinese (ChineseLineBreaker.ToChinesePunctuation, as the letters do). Every other
    /// character, the digits and “” and % included, is the seed's.
    /// </summary>
    internal const string PrintedOpening2022 =
        "2022年，市发展和改革局共收到州市人大代表议案建议和政协提案20件，其中，主办件13件（州人大代表建议2件，政协委员提案1件，市人大代表建议2件，市政协委员提案8件）；" +
        "协办件7件（市人大代表建议4件，州政协委员提案3件）。到7月10日，13件主办件已办结，办理类别为“A”类，办结率100%。" +
        "同时通过政府门户网站进行了公开，主动接受社会监督与批评，满意率100%。";

    /// <summary>The text in the type area (the page numbers sit under it), in reading order.</summary>
    private static string Body(PdfInspection.PageContent page) =>
        string.Concat(page.Glyphs.Where(g => g.Baseline <= Grid.Bottom + 1).Select(g => g.Text));

    private string AllBody => string.Concat(fixture.Pages.Select(Body));

    [Fact]
    public void EveryStreamOfTheSummaryIsValidZlibForQpdf() => PdfInspection.AssertQpdfCheckPasses(fixture.Pdf, "summary");

    [Fact]
    public void ThePdfStartsWithTheTitleAndCarriesTheSeedsOpeningWordForWord()
    {
        Assert.StartsWith("楚雄市发展和改革局2022年人大代表建议和政协委员提案办理工作总结", Body(fixture.Pages[0]), StringComparison.Ordinal);
        Assert.Contains(PrintedOpening2022, AllBody, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSectionsFollowTheSeedsOutlineInTheHeadingFaceAndEndWithTheBureauAndDate()
    {
        var text = AllBody;
        var headings = new[] { "一、主要做法", "二、重点提案办理情况", "三、存在困难问题", "四、下步工作措施" }
            .Select(h => text.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, headings);
        Assert.Equal(headings.Order(), headings);
        Assert.Contains("（一）思想统一，认识到位。", text, StringComparison.Ordinal);
        Assert.EndsWith("楚雄市发展和改革局2022年8月22日", text, StringComparison.Ordinal);

        // The bureau's name is centred over the date, and the date ends two characters from the right (no seal).
        var last = fixture.Pages[^1].Glyphs.Where(g => g.Baseline <= Grid.Bottom + 1).ToList();
        var dateLine = last.Where(g => Math.Abs(g.Baseline - last[^1].Baseline) < 1).ToList();
        var nameLine = last.Where(g => Math.Abs(g.Baseline - (last[^1].Baseline - Grid.LinePitch)) < 1).ToList();
        Assert.Equal("2022年8月22日", string.Concat(dateLine.Select(g => g.Text)));
        Assert.Equal("楚雄市发展和改革局", string.Concat(nameLine.Select(g => g.Text)));
        var dateRight = dateLine[^1].Left + dateLine[^1].Width;
        Assert.Equal(Grid.Right - 2 * Grid.Cell, dateRight, 2.0);
        Assert.Equal((dateLine[0].Left + dateRight) / 2, (nameLine[0].Left + nameLine[^1].Left + nameLine[^1].Width) / 2, 0.5 * Grid.Cell);

        // Headings and paragraphs are indented two characters: the first glyphs of "一、主要做法" and "（一）思想统一".
        var page1 = fixture.Pages.SelectMany(p => p.Glyphs).ToList();
        var heading = page1.FindIndex(g => g.Text == "一" && page1.Skip(page1.IndexOf(g) + 1).Take(5).All(n => "、主要做法".Contains(n.Text, StringComparison.Ordinal)));
        var paragraph = page1.FindIndex(g => g.Text == "（" && page1[page1.IndexOf(g) + 1].Text == "一");
        Assert.Equal(Grid.Left + 2 * Grid.Cell, page1[heading].Left, 1.0);
        Assert.Equal(Grid.Left + 2 * Grid.Cell, page1[paragraph].Left, 1.0);
    }

    [Fact]
    public void EveryPageIsA4WithItsPageNumber()
    {
        Assert.True(fixture.Pages.Count >= 3, $"{fixture.Pages.Count} page(s)"); // the seed's summary is long
        Assert.All(fixture.Pages, p =>
        {
            Assert.Equal(595.28, p.Width, 0.5);
            Assert.Equal(841.89, p.Height, 0.5);
            var number = p.Glyphs.Where(g => g.Baseline > Grid.Bottom + 5);
            Assert.Equal(TypesetRenderer.PageNumberText(p.Number), string.Concat(number.Select(g => g.Text)));
        });
    }

    [Fact]
    public void FontsAreEmbeddedAsSubsetsAndMappedToUnicode() =>
        PdfInspection.AssertFontsEmbeddedAsSubsets(fixture.Pdf);

    [Fact]
    public void TheFirstAndLastPagesRenderToImages()
    {
        // test-artifacts/summary-2022-*.png: to look at the page (title, indents, page number; signature and date).
        var first = PdfInspection.RenderPng(fixture.Pdf, "summary-2022-page1", dpi: 80);
        var last = PdfInspection.RenderPng(fixture.Pdf, "summary-2022-last", page: fixture.Pages.Count, dpi: 80);
        Assert.True(new FileInfo(first).Length > 10_000, "page 1 should carry text");
        Assert.True(new FileInfo(last).Length > 3_000, "the last page should carry text");
    }

    [Fact]
    public async Task ACharacterTheFontCannotPrintIsReportedAndNoPdfIsMade()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        var service = portal.Scoped<AnnualSummaryService>();
        var opened = await service.GetAsync(2021);
        var office = new Actor(0, "尤四", StaffRoles.Office);
        // 𪚥 (U+2A6A5) lies outside GB 2312, which the shipped font covers.
        Assert.True((await service.SaveAsync(2021, opened.Prose with { NextSteps = "走访𪚥村代表。" }, opened.Version, office)).IsOk);

        var (pdf, error) = await service.PdfAsync(2021);

        Assert.Null(pdf);
        Assert.Contains("字体无法显示的字：𪚥", error, StringComparison.Ordinal);
        Assert.Equal(error, service.WhyNotPrintable(await service.GetAsync(2021)));
    }
}
