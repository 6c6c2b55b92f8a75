using ProposalPortal.Data;
using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Summaries;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Demo;

/// <summary>The annual summary over the demo database: the seed's 2022 opening, the Office's prose, the .docx.</summary>
public abstract class AnnualSummaryTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    /// <summary>The first paragraph of the seed (shared/seed/000_7d8bb91af78bb209.txt), word for word.</summary>
    private const string SeedOpening2022 =
        "2022年，市发展和改革局共收到州市人大代表议案建议和政协提案20件，其中，主办件13件（州人大代表建议2件，政协委员提案1件，市人大代表建议2件，市政协委员提案8件）；" +
        "协办件7件（市人大代表建议4件，州政协委员提案3件）。到7月10日，13件主办件已办结，办理类别为“A”类，办结率100%。" +
        "同时通过政府门户网站进行了公开，主动接受社会监督与批评，满意率100%。";

    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static readonly Actor Office = new(0, "尤四", StaffRoles.Office);
    private TestPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await TestPortal.StartAsync(provider: Provider, demo: true);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private AnnualSummaryService Service => _portal.Scoped<AnnualSummaryService>();

    [ProviderFact]
    public async Task The2022OpeningReadsAsTheSeedDoes()
    {
        var summary = await Service.GetAsync(2022);

        Assert.Equal(SeedOpening2022, summary.Opening);
    }

    [ProviderFact]
    public async Task TheCurrentYearInProgressSpeaksOfItsClosedItemsOnly()
    {
        // The demo's current year: 13 lead items (one more was returned), 1 closed; other replies are signed and wait for
        // their evaluation, so they are not 办结 and their categories are not counted yet.
        var summary = await Service.GetAsync(2026);

        Assert.Contains("截至11月28日，13件主办件中已办结1件，办理类别为“A”类，办结率7.7%。已办结的1件均通过政府门户网站进行了公开", summary.Opening, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task The2022SummaryReadsAsTheSeedParagraphForParagraph()
    {
        var seed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Features", "Summary", "seed-2022.txt"))
            .Where(l => l.Length > 0)
            // The seed names 第199号 twice, once with 楚雄市 in its title and once without; the data holds one title, the
            // one its reply letter answers (《关于加快推进新能源汽车充电设施建设的提案》), and the sentence is written from it.
            .Select(l => l.Replace("“关于加快推进楚雄市新能源汽车充电设施建设的提案”（第199号）", "“关于加快推进新能源汽车充电设施建设的提案”（第199号）", StringComparison.Ordinal))
            .ToList();

        var view = await Service.GetAsync(2022);

        var written = new List<string> { view.Opening };
        written.AddRange(view.Text.Characteristics.Split('\n'));
        foreach (var (heading, text) in view.Sections)
        {
            written.Add(heading);
            written.AddRange(text.Split('\n'));
        }

        written.AddRange(["楚雄市发展和改革局", view.DateText]);
        Assert.Equal(seed.Count, written.Count);
        for (var i = 0; i < seed.Count; i++)
        {
            Assert.Equal(seed[i], written[i]);
        }

        Assert.Empty(view.Discrepancies);
    }

    [ProviderFact]
    public async Task The2022ProseAsSavedHoldsNoFigureFromTheData()
    {
        var prose = (await Service.GetAsync(2022)).Prose;

        var saved = string.Join("\n", prose.Characteristics, prose.Practices, prose.KeyProposals, prose.Difficulties, prose.NextSteps);
        foreach (var figure in new[] { "13件", "20件", "研究3次", "会议2次", "推进2次", "2个重点提案", "4个委员提案", "第11号）", "重点督办的2件", "翻一倍" })
        {
            Assert.DoesNotContain(figure, saved, StringComparison.Ordinal);
        }

        Assert.Contains("{工作会议}", prose.Practices, StringComparison.Ordinal);
        Assert.Contains("{重点提案}", prose.KeyProposals, StringComparison.Ordinal);
        Assert.Contains("{同比}", prose.Difficulties, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task AFigureThatChangesAfterTheProseWasWrittenChangesTheSentence()
    {
        // A fourth 局领导班子会 is recorded after the summary was saved: the sentence follows, the prose is untouched.
        await using (var db = _portal.Db())
        {
            db.WorkMeetings.Add(new ProposalPortal.Domain.WorkMeeting(ProposalPortal.Domain.WorkMeetingKind.LeadershipTeam, new DateOnly(2022, 7, 1), "局领导班子会研究建议提案办理工作"));
            await db.SaveChangesAsync();
        }

        var view = await Service.GetAsync(2022);

        Assert.Contains("共召开局领导班子会研究4次，领导小组会议2次，职工会动员推进2次，切实强化", view.Text.Practices, StringComparison.Ordinal);
        Assert.Empty(view.Discrepancies);
    }

    [ProviderFact]
    public async Task ProseWithAFigureTypedInThatTheDataNoLongerBearsOutIsNamedWithTheRecomputedSentence()
    {
        var opened = await Service.GetAsync(2022);
        // As prose saved before the fields existed reads: the figures typed in, one of them since changed.
        var typed = opened.Prose with
        {
            Practices = opened.Prose.Practices.Replace("{工作会议}", "共召开局领导班子会研究2次，领导小组会议2次，职工会动员推进2次", StringComparison.Ordinal),
            Difficulties = opened.Prose.Difficulties.Replace("{同比}", "与去年相比，承办件数已翻一倍多", StringComparison.Ordinal),
        };
        Assert.True((await Service.SaveAsync(2022, typed, opened.Version, Office)).IsOk);

        var view = await Service.GetAsync(2022);

        var wrong = Assert.Single(view.Discrepancies);
        Assert.Equal("一、主要做法", wrong.Section);
        Assert.Equal("共召开局领导班子会研究2次，领导小组会议2次，职工会动员推进2次", wrong.Found);
        Assert.Equal("共召开局领导班子会研究3次，领导小组会议2次，职工会动员推进2次", wrong.Recomputed);
        Assert.Equal("{工作会议}", wrong.Field);
    }

    [ProviderFact]
    public async Task AFirstDraftFromThe2022DataHoldsTheSeedsSentencesWithNumbers()
    {
        var view = await Service.GetAsync(2022);
        var data = new SummaryData(view.Figures, view.KeyItems, view.Data.Topics);

        var prose = SummarySentences.Write(AnnualSummaryService.Draft(view.KeyItems), data);

        Assert.Contains("共召开局领导班子会研究3次，领导小组会议2次，职工会动员推进2次。召开专题会议研究部署。", prose.Practices);
        Assert.Contains("局办公室对20件建议提案进行认真梳理和分类", prose.Practices);
        Assert.Contains("今年，我局承办的13件代表建议和政协提案，均在办理复文形成后通过市政府门户网站进行公开", prose.Practices);
        Assert.StartsWith("与去年相比，承办件数已翻一倍多。", prose.Difficulties, StringComparison.Ordinal);
        Assert.StartsWith("13件提案建议涉及的均是我局主要重点工作。从涉及的主题看，充电桩及新能源建设4件，城乡融合发展3件，数字经济3件，教育服务收费2件，长江生态保护1件。", prose.Characteristics, StringComparison.Ordinal);
        Assert.Contains("“关于加快楚雄市数字经济建设的提案”（第11号）和“关于加快推进新能源汽车充电设施建设的提案”（第199号）被确定为市政协十届一次会议重点督办的2件提案", prose.KeyProposals);
    }

    [ProviderFact]
    public async Task TheDocxOpensAndFollowsTheSeedsOutline()
    {
        var docx = await Service.DocxAsync(2022);

        var paragraphs = Paragraphs(docx);
        Assert.Equal("楚雄市发展和改革局2022年人大代表建议和政协委员提案办理工作总结", paragraphs[0]);
        Assert.Contains(SummaryPdfTests.PrintedOpening2022, paragraphs);
        // Printed like the PDF: no half-width , ; : ( ) ? ! next to a Chinese character anywhere in the document.
        Assert.All(paragraphs, p => Assert.DoesNotMatch(@"[\p{IsCJKUnifiedIdeographs}][,;:()?!]|[,;:()?!][\p{IsCJKUnifiedIdeographs}]", p));
        var headings = new[] { "一、主要做法", "二、重点提案办理情况", "三、存在困难问题", "四、下步工作措施" }
            .Select(h => paragraphs.IndexOf(h)).ToList();
        Assert.DoesNotContain(-1, headings);
        Assert.Equal(headings.Order(), headings);
        // The demo's 2022 prose is the seed's, as the Office saved it: the document reads as the seed, line for line.
        Assert.Equal(18, paragraphs.Count); // the title and the seed's 17 paragraphs
        Assert.StartsWith("根据《政协楚雄市委员会关于做好2022年市政协重点提案督办工作的通知》", paragraphs[headings[1] + 1], StringComparison.Ordinal);
        Assert.StartsWith("1.针对第199号提案", paragraphs[headings[1] + 2], StringComparison.Ordinal);
        Assert.Equal("楚雄市发展和改革局", paragraphs[^2]);
        Assert.Equal("2022年8月22日", paragraphs[^1]);
        using var zip = new ZipArchive(new MemoryStream(docx));
        var page = XDocument.Load(zip.GetEntry("word/document.xml")!.Open()).Descendants(W + "pgSz").Single();
        Assert.Equal(("11906", "16838"), (page.Attribute(W + "w")!.Value, page.Attribute(W + "h")!.Value)); // A4
    }

    [ProviderFact]
    public async Task TheDocxCarriesStylesInTheOfficialFacesChineseLanguageTagsAndPageNumbersAndValidates()
    {
        var bytes = await Service.DocxAsync(2022);

        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = docx.MainDocumentPart!;
        Assert.NotNull(main.DocumentSettingsPart?.Settings);
        Assert.NotNull(main.FontTablePart?.Fonts);
        var styles = main.StyleDefinitionsPart!.Styles!;

        // Each style names its official face for Chinese text (w:eastAsia) and is tagged zh-CN.
        string EastAsiaFace(string id) => styles.Elements<Style>().Single(s => s.StyleId == id).StyleRunProperties!.RunFonts!.EastAsia!.Value!;
        Assert.Equal("方正小标宋简体", EastAsiaFace("Title"));
        Assert.Equal("黑体", EastAsiaFace("Heading1"));
        Assert.Equal("楷体_GB2312", EastAsiaFace("Heading2"));
        Assert.Equal("仿宋_GB2312", EastAsiaFace("Normal"));
        Assert.True(styles.Elements<Style>().Single(s => s.StyleId == "Normal").Default!.Value);
        Assert.Equal("zh-CN", styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.GetFirstChild<Languages>()!.EastAsia!.Value);
        Assert.All(styles.Elements<Style>(), s => Assert.Equal("zh-CN", s.StyleRunProperties!.GetFirstChild<Languages>()!.EastAsia!.Value));
        Assert.Superset(new HashSet<string> { "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312" },
            main.FontTablePart!.Fonts!.Elements<Font>().Select(f => f.Name!.Value!).ToHashSet());

        // The paragraphs use the styles: the title, the 一、 headings, a （一） heading; the text is the summary's.
        var paragraphs = main.Document!.Body!.Elements<Paragraph>().ToList();
        string? StyleOf(string start) => paragraphs.First(p => p.InnerText.StartsWith(start, StringComparison.Ordinal)).ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        Assert.Equal("Title", StyleOf("楚雄市发展和改革局2022年"));
        Assert.Equal("Heading1", StyleOf("一、主要做法"));
        Assert.Null(StyleOf("2022年，市发展和改革局共收到"));
        Assert.Equal(SummaryPdfTests.PrintedOpening2022, paragraphs.Single(p => p.InnerText.StartsWith("2022年，", StringComparison.Ordinal)).InnerText);

        // A4 with the GB/T 9704 margins: 37 mm top, 35 mm bottom, 28 mm binding side, 26 mm outside.
        var section = main.Document.Body.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        static double Mm(double twips) => twips / 1440 * 25.4;
        Assert.Equal((37, 35, 28, 26), ((int)Math.Round(Mm(margin.Top!.Value)), (int)Math.Round(Mm(margin.Bottom!.Value)),
            (int)Math.Round(Mm(margin.Left!.Value)), (int)Math.Round(Mm(margin.Right!.Value))));

        // Page numbers — 1 —: the PAGE field between em dashes, odd pages right and even pages left.
        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        var footers = section.Elements<FooterReference>().ToDictionary(r => r.Type!.Value, r => (FooterPart)main.GetPartById(r.Id!.Value!));
        Assert.Equal(2, footers.Count);
        Assert.Contains(HeaderFooterValues.Default, footers.Keys);
        Assert.Contains(HeaderFooterValues.Even, footers.Keys);
        foreach (var (type, part) in footers)
        {
            var line = part.Footer!.Elements<Paragraph>().Single();
            Assert.Equal(" PAGE ", line.Descendants<FieldCode>().Single().Text);
            Assert.Equal("— 1 —", line.InnerText.Replace(" PAGE ", string.Empty, StringComparison.Ordinal));
            Assert.Equal(type == HeaderFooterValues.Even ? JustificationValues.Left : JustificationValues.Right, line.ParagraphProperties!.Justification!.Val!.Value);
        }

        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(docx)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    [ProviderFact]
    public async Task TheOfficesProseIsSavedPerYearAndFlowsIntoTheDocument()
    {
        var before = await Service.GetAsync(2021);
        Assert.False(before.Saved);
        Assert.Equal("【下步工作措施】", before.Prose.NextSteps); // a year never edited starts from the draft
        Assert.DoesNotContain("专题会议", before.Text.Practices, StringComparison.Ordinal); // 2021 held none
        var prose = before.Prose with
        {
            NextSteps = "下步工作中，我局将进一步提升办理质量。\n坚决杜绝“重答复、轻落实”。",
            SignedOn = new DateOnly(2021, 8, 20),
        };

        var result = await Service.SaveAsync(2021, prose, before.Version, Office);

        Assert.True(result.IsOk, result.Error);
        var saved = await Service.GetAsync(2021);
        Assert.True(saved.Saved);
        Assert.Equal(prose.NextSteps, saved.Prose.NextSteps);
        Assert.StartsWith("下步工作中，我局将始终如一", (await Service.GetAsync(2022)).Prose.NextSteps, StringComparison.Ordinal); // other years untouched
        var paragraphs = Paragraphs(await Service.DocxAsync(2021));
        var next = paragraphs.IndexOf("四、下步工作措施");
        Assert.Equal("下步工作中，我局将进一步提升办理质量。", paragraphs[next + 1]); // saved as typed, printed full-width
        Assert.Equal("坚决杜绝“重答复、轻落实”。", paragraphs[next + 2]);
        Assert.Equal("2021年8月20日", paragraphs[^1]);
    }

    [ProviderFact]
    public async Task ASecondEditorWorkingFromAnOldVersionIsRefusedAndNothingIsOverwritten()
    {
        var opened = await Service.GetAsync(2022);
        Assert.True((await Service.SaveAsync(2022, opened.Prose with { NextSteps = "甲的措施" }, opened.Version, Office)).IsOk);

        var second = await Service.SaveAsync(2022, opened.Prose with { NextSteps = "乙的措施" }, opened.Version, Office);

        Assert.False(second.IsOk);
        Assert.Contains("刚刚已被尤四修改", second.Error);
        Assert.Equal("甲的措施", (await Service.GetAsync(2022)).Prose.NextSteps);
    }

    [ProviderFact]
    public async Task OnlyTheOfficeEditsTheSummary()
    {
        var director = new Actor(2, "杨一", StaffRoles.Director);

        var opened = await Service.GetAsync(2021);

        var result = await Service.SaveAsync(2021, opened.Prose with { NextSteps = "局长改的" }, opened.Version, director);

        Assert.Equal("只有办公室可以编辑年度办理工作总结", result.Error);
        await using var db = _portal.Db();
        Assert.False(await db.AnnualSummaries.AnyAsync(s => s.Year == 2021));
    }

    /// <summary>The text of every paragraph of the document, read straight from the zip as any reader would.</summary>
    internal static List<string> Paragraphs(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        var document = XDocument.Load(zip.GetEntry("word/document.xml")!.Open());
        return document.Descendants(W + "p").Select(p => string.Concat(p.Descendants(W + "t").Select(t => t.Value)))
            .Where(t => t.Length > 0).ToList();
    }
}

/// <summary><see cref="AnnualSummaryTests"/> on SQLite.</summary>
public sealed class AnnualSummaryTestsOnSqlite : AnnualSummaryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="AnnualSummaryTests"/> on PostgreSQL.</summary>
public sealed class AnnualSummaryTestsOnPostgreSql : AnnualSummaryTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
