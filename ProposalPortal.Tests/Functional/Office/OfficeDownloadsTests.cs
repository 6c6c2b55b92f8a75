using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using ProposalPortal.Features.Import;
using ProposalPortal.Tests.Demo;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;
using Scenario = ProposalPortal.Tests.TestSupport.Scenario;

namespace ProposalPortal.Tests.Functional.Office;

/// <summary>
/// The Office's downloads over the real app and a scenario's year: the import template, the statistics exports, the
/// summary .docx and .pdf.
/// </summary>
public sealed class OfficeDownloadsTests(OfficeDownloadsSite site) : IClassFixture<OfficeDownloadsSite>
{
    private string Year => site.Portal.Clock.Today.Year.ToString(CultureInfo.InvariantCulture);

    private Task<HttpClient> SignedInAsync(string user) => site.SignedInClientAsync(user);

    [Fact]
    public async Task TheFiguresExportHoldsTheYearsFiguresAsNumbersWithTheirDefinitions()
    {
        var client = await SignedInAsync(ScenarioSite.Director);

        var bytes = await client.GetByteArrayAsync($"/statistics/{Year}/figures.xlsx");

        var (table, problem) = AssignmentFileReader.Read("统计.xlsx", bytes);
        Assert.Null(problem);
        Assert.Equal(["指标", "数值", "说明", "口径"], table!.Headers);
        Assert.Contains("不含已退回件", table.Rows.Single(r => r.Cell(0) == "收到件数").Cell(3));
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = FirstSheet(xlsx);
        // 收到件数 (all the year's items) is a number in the General format; 办结率 is the number 1 shown as 100.0%, its n/n beside it.
        var received = CellBeside(sheet, "收到件数", "B");
        Assert.Equal((CellValues.Number, OfficeDownloadsSite.Received.ToString(CultureInfo.InvariantCulture)), (received.DataType!.Value, received.CellValue!.Text));
        Assert.Equal("General", FormatOf(xlsx, received));
        var completion = CellBeside(sheet, "办结率", "B");
        Assert.Equal((CellValues.Number, 1.0), (completion.DataType!.Value, double.Parse(completion.CellValue!.Text, CultureInfo.InvariantCulture)));
        Assert.Equal("0.0%", FormatOf(xlsx, completion));
        Assert.Equal($"{OfficeDownloadsSite.Lead}/{OfficeDownloadsSite.Lead}", Text(CellBeside(sheet, "办结率", "C")));
        // A figure without a note has no C cell at all (no empty inline string).
        Assert.DoesNotContain(sheet.Descendants<Cell>(), c => c.CellReference == $"C{RowOf(sheet, "收到件数")}");
        AssertPrintsAndValidates(xlsx);
    }

    [Fact]
    public async Task TheItemListExportHasRealDateCellsInChineseFormatAFrozenHeaderAndA4Landscape()
    {
        var client = await SignedInAsync(ScenarioSite.Office);

        var bytes = await client.GetByteArrayAsync($"/statistics/{Year}/items.xlsx");

        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = FirstSheet(xlsx);
        // 交办日期 (column K): a date serial with the 2022年3月14日 format; 编号 (D) a number.
        var assigned = sheet.Descendants<Cell>().First(c => c.CellReference == "K2");
        Assert.Equal(CellValues.Number, assigned.DataType!.Value);
        var date = DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(assigned.CellValue!.Text, CultureInfo.InvariantCulture)));
        Assert.Equal(site.Portal.Clock.Today.Year, date.Year);
        Assert.Equal("yyyy\"年\"m\"月\"d\"日\"", FormatOf(xlsx, assigned));
        Assert.Equal(CellValues.Number, sheet.Descendants<Cell>().First(c => c.CellReference == "D2").DataType!.Value);
        Assert.DoesNotContain(sheet.Descendants<Cell>(), c => c.InlineString is not null && c.InnerText.Length == 0);
        // The title column is wide enough for Chinese text (a character counts two), the year column narrow.
        var columns = sheet.Descendants<Column>().ToList();
        Assert.True(columns[4].Width!.Value >= 40, $"标题 {columns[4].Width!.Value}");
        Assert.True(columns[0].Width!.Value <= 10, $"年度 {columns[0].Width!.Value}");
        AssertPrintsAndValidates(xlsx);
    }

    private static Worksheet FirstSheet(SpreadsheetDocument xlsx) => xlsx.WorkbookPart!.WorksheetParts
        .Single(p => xlsx.WorkbookPart.GetIdOfPart(p) == xlsx.WorkbookPart.Workbook!.Descendants<Sheet>().First().Id!.Value).Worksheet!;

    private static string RowOf(Worksheet sheet, string label) =>
        sheet.Descendants<Cell>().First(c => c.InnerText == label).CellReference!.Value![1..];

    private static Cell CellBeside(Worksheet sheet, string label, string column) =>
        sheet.Descendants<Cell>().Single(c => c.CellReference == column + RowOf(sheet, label));

    private static string Text(Cell cell) => cell.InlineString!.InnerText;

    private static string FormatOf(SpreadsheetDocument xlsx, Cell cell)
    {
        var styles = xlsx.WorkbookPart!.WorkbookStylesPart!.Stylesheet!;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        return id == 0 ? "General" : styles.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == id).FormatCode!.Value!;
    }

    /// <summary>Every sheet: header row frozen, A4 landscape one page wide; a Normal style; no validator errors.</summary>
    private static void AssertPrintsAndValidates(SpreadsheetDocument xlsx)
    {
        foreach (var part in xlsx.WorkbookPart!.WorksheetParts)
        {
            var sheet = part.Worksheet!;
            var pane = sheet.Descendants<Pane>().Single();
            Assert.Equal((PaneStateValues.Frozen, 1.0, "A2"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
            var setup = sheet.GetFirstChild<PageSetup>()!;
            Assert.Equal((9u, OrientationValues.Landscape, 1u, 0u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
            Assert.True(sheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        }

        Assert.Contains(xlsx.WorkbookPart.WorkbookStylesPart!.Stylesheet!.CellStyles!.Elements<CellStyle>(), s => s.BuiltinId?.Value == 0);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(xlsx)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheItemListExportHasEveryItemOfTheYear()
    {
        var client = await SignedInAsync(ScenarioSite.Office);

        var bytes = await client.GetByteArrayAsync($"/statistics/{Year}/items.xlsx");

        var (table, _) = AssignmentFileReader.Read("清单.xlsx", bytes);
        Assert.Equal(OfficeDownloadsSite.Received, table!.Rows.Count);
        Assert.Contains(table.Rows, r => r.Cell(4) == OfficeDownloadsSite.KeyTitle && r.Cell(7) == "是");
    }

    [Fact]
    public async Task TheSummaryDocxDownloadsForLeadersAndTheOffice()
    {
        var client = await SignedInAsync(ScenarioSite.Deputy);

        var response = await client.GetAsync($"/summary/{Year}.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        var paragraphs = AnnualSummaryTests.Paragraphs(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith($"{Year}年，市发展和改革局共收到州市人大代表议案建议和政协提案{OfficeDownloadsSite.Received}件", paragraphs[1]);
    }

    [Theory]
    [InlineData(ScenarioSite.Director)]
    [InlineData(ScenarioSite.Deputy)]
    [InlineData(ScenarioSite.Office)]
    public async Task TheSummaryPdfDownloadsForLeadersAndTheOffice(string user)
    {
        var client = await SignedInAsync(user);

        var response = await client.GetAsync($"/summary/{Year}.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pages = PdfInspection.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith($"楚雄市发展和改革局{Year}年", pages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTemplateIsTheOfficesDownload()
    {
        var office = await SignedInAsync(ScenarioSite.Office);
        var template = await office.GetByteArrayAsync("/import/template.xlsx");
        Assert.Equal(AssignmentImportService.TemplateColumns, AssignmentFileReader.Read("模板.xlsx", template).Table!.Headers);
    }

    [Theory]
    [InlineData("/statistics/{year}/figures.xlsx")]
    [InlineData("/statistics/{year}/items.xlsx")]
    [InlineData("/summary/{year}.docx")]
    [InlineData("/summary/{year}.pdf")]
    [InlineData("/import/template.xlsx")]
    public async Task SectionStaffGetNoneOfThem(string path)
    {
        var client = await SignedInAsync(ScenarioSite.Handler);

        var response = await client.GetAsync(path.Replace("{year}", Year, StringComparison.Ordinal));

        // Refused: sent to the "denied" page, never the file.
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/account/denied", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}

/// <summary>The scenario's year: lead items all closed with their letters (one of them key), and items it assisted with.</summary>
public sealed class OfficeDownloadsSite : ScenarioSite
{
    public const string KeyTitle = "关于加快推进新能源汽车充电设施建设的提案";
    public const int Lead = 3, Assisting = 2, Received = Lead + Assisting;

    protected override async Task BuildAsync(Scenario scenario)
    {
        await scenario.SignedItemAsync(ProposalState.Closed, key: true, published: true, title: KeyTitle);
        for (var i = 1; i < Lead; i++)
        {
            await scenario.SignedItemAsync(ProposalState.Closed, published: true);
        }

        for (var i = 0; i < Assisting; i++)
        {
            await scenario.AssistingItemAsync(ProposalState.Closed);
        }
    }
}
