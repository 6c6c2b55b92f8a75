using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.AspNetCore.Mvc.Testing;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals.Export;
using ProposalPortal.Tests.TestSupport;
using Scenario = ProposalPortal.Tests.TestSupport.Scenario;

namespace ProposalPortal.Tests.Functional.Office;

/// <summary>
/// <c>/proposals/export.xlsx</c> over the real app and a scenario's year: the list's own query string gives the same rows the
/// list counts, dates are date cells, and each person exports only what their list shows them.
/// </summary>
public sealed partial class ProposalExportTests(ProposalExportSite site) : IClassFixture<ProposalExportSite>
{
    private string Year => site.Portal.Clock.Today.Year.ToString(CultureInfo.InvariantCulture);

    private Task<HttpClient> SignedInAsync(string user) => site.SignedInClientAsync(user);

    [Fact]
    public async Task TheExportOfAYearHasItsItemsInTheAskedColumnsWithRealDateCells()
    {
        var client = await SignedInAsync(ScenarioSite.Office);

        var response = await client.GetAsync($"/proposals/export.xlsx?year={Year}&sort=NumberAscending");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheet = new SheetReader(xlsx);
        Assert.Equal(ProposalListExport.Columns, sheet.Row(1));
        Assert.Equal(site.ItemsThisYear + 1, sheet.RowCount); // the header and the year's items
        var charging = sheet.RowWhere("标题", ProposalExportSite.ChargingTitle);
        Assert.Equal(site.Charging.Number.ToString(CultureInfo.InvariantCulture), charging["编号"].Text);
        Assert.Equal(Scenario.Session, charging["届次"].Text);
        Assert.Equal("提案人甲、提案人乙", charging["提出人"].Text);
        Assert.Equal(("主办", site.Scenario.Section.Name), (charging["主办/协办"].Text, charging["科室"].Text));
        Assert.NotEqual("", charging["承办人"].Text);
        Assert.Matches($@"^楚市发改复〔{Year}〕\d+号$", charging["文号"].Text);
        Assert.Equal(("A", "已公开", "满意", "已办结"), (charging["类别"].Text, charging["公开"].Text, charging["满意度"].Text, charging["状态"].Text));
        // 交办日期, 时限 and 答复日期 are numbers (date serials) shown in the 2022年3月14日 format, not text.
        foreach (var column in new[] { "交办日期", "时限", "答复日期" })
        {
            var cell = charging[column];
            Assert.Equal(CellValues.Number, cell.Cell!.DataType!.Value);
            Assert.Equal("yyyy\"年\"m\"月\"d\"日\"", sheet.FormatOf(cell.Cell));
            Assert.Equal(site.Portal.Clock.Today.Year, cell.Date!.Value.Year);
        }

        Assert.True(charging["交办日期"].Date <= charging["答复日期"].Date);
        Assert.Empty(new OpenXmlValidator().Validate(xlsx));
    }

    [Fact]
    public async Task TheExportHoldsExactlyTheRowsTheListCountsForTheSameQuery()
    {
        var client = await SignedInAsync(ScenarioSite.Office);
        var query = $"?year={Year}&role=Assisting";

        var list = await client.GetStringAsync("/proposals" + query);
        var bytes = await client.GetByteArrayAsync("/proposals/export.xlsx" + query);

        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = new SheetReader(xlsx);
        Assert.Contains($"共{ProposalExportSite.Assisting}条", list, StringComparison.Ordinal);
        Assert.Equal(ProposalExportSite.Assisting, sheet.RowCount - 1);
        Assert.All(sheet.Rows().Skip(1), r => Assert.Equal("协办", r[4]));
        // The list links to the export with its own query.
        Assert.Contains($"href=\"/proposals/export.xlsx?year={Year}&amp;role=Assisting\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASectionsStaffExportOnlyTheirSectionsItemsAsTheirListShowsThem()
    {
        var client = await SignedInAsync(ScenarioSite.Handler);

        var list = await client.GetStringAsync("/proposals?year=all");
        var bytes = await client.GetByteArrayAsync("/proposals/export.xlsx?year=all");

        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = new SheetReader(xlsx);
        var total = int.Parse(PagerTotal().Match(list).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(total > 0);
        Assert.Equal(total, sheet.RowCount - 1);
        Assert.All(sheet.Rows().Skip(1), r => Assert.Equal(site.Scenario.Section.Name, r[5]));
    }

    [Fact]
    public async Task AnonymousGetsNoExport()
    {
        var client = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/proposals/export.xlsx?year={Year}");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("共(\\d+)条")]
    private static partial Regex PagerTotal();
}

/// <summary>
/// A year of the scenario's items: one closed, published lead item with two proposers and a signed letter (assigned
/// in spring, so that its dates all fall in the year), others in progress, two assisted, and one of the other section.
/// </summary>
public sealed class ProposalExportSite : ScenarioSite
{
    public const string ChargingTitle = "关于加快推进新能源汽车充电设施建设的提案";
    public const int Assisting = 2;

    public Proposal Charging { get; private set; } = null!;

    public int ItemsThisYear { get; private set; }

    protected override async Task BuildAsync(Scenario scenario)
    {
        Charging = await scenario.SignedItemAsync(ProposalState.Closed, daysAgo: 200, published: true, title: ChargingTitle,
            proposers: [new Proposer("提案人甲", "138-0000-0001"), new Proposer("提案人乙", "138-0000-0002")]);
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.ItemAsync(ProposalState.Drafted);
        await scenario.AssistingItemAsync(ProposalState.OpinionSent);
        await scenario.AssistingItemAsync(ProposalState.Closed);
        await scenario.StartedItemAsync(90, scenario.Portal.Clock.Today.AddDays(-20), handler: scenario.OtherHandler);
        ItemsThisYear = 6;
    }
}

/// <summary>Reads a workbook's first sheet by cell, for tests: text as shown, numbers as stored, dates from their serials.</summary>
internal sealed class SheetReader
{
    private readonly SpreadsheetDocument _xlsx;
    private readonly Worksheet _sheet;

    public SheetReader(SpreadsheetDocument xlsx, int index = 0)
    {
        _xlsx = xlsx;
        var sheet = xlsx.WorkbookPart!.Workbook!.Descendants<Sheet>().ElementAt(index);
        _sheet = ((WorksheetPart)xlsx.WorkbookPart.GetPartById(sheet.Id!.Value!)).Worksheet!;
    }

    public int RowCount => _sheet.Descendants<Row>().Count();

    /// <summary>A row's cells as text, by column (A = 0), gaps as empty strings.</summary>
    public IReadOnlyList<string> Row(int rowIndex)
    {
        var row = _sheet.Descendants<Row>().Single(r => r.RowIndex!.Value == rowIndex);
        var cells = row.Elements<Cell>().ToList();
        var width = cells.Count == 0 ? 0 : cells.Max(c => ColumnIndex(c.CellReference!.Value!)) + 1;
        var values = Enumerable.Repeat(string.Empty, width).ToArray();
        foreach (var cell in cells)
        {
            values[ColumnIndex(cell.CellReference!.Value!)] = cell.InnerText;
        }

        return values;
    }

    public IEnumerable<IReadOnlyList<string>> Rows() =>
        _sheet.Descendants<Row>().Select(r => Row((int)r.RowIndex!.Value)).ToList();

    /// <summary>The first row whose <paramref name="header"/> column reads <paramref name="value"/>, by header name.</summary>
    public IReadOnlyDictionary<string, SheetCell> RowWhere(string header, string value, int headerRow = 1)
    {
        var headers = Row(headerRow);
        var column = headers.ToList().IndexOf(header);
        var row = _sheet.Descendants<Row>().First(r => r.RowIndex!.Value > headerRow && Row((int)r.RowIndex.Value).ElementAtOrDefault(column) == value);
        var cells = row.Elements<Cell>().ToDictionary(c => ColumnIndex(c.CellReference!.Value!));
        return headers.Select((h, i) => (h, i)).Where(x => x.h.Length > 0)
            .ToDictionary(x => x.h, x => new SheetCell(cells.GetValueOrDefault(x.i)));
    }

    public string FormatOf(Cell cell)
    {
        var styles = _xlsx.WorkbookPart!.WorkbookStylesPart!.Stylesheet!;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        return id == 0 ? "General" : styles.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == id).FormatCode!.Value!;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }
}

/// <summary>One cell as a test reads it; an absent cell reads as empty.</summary>
internal sealed record SheetCell(Cell? Cell)
{
    public string Text => Cell?.InnerText ?? string.Empty;

    public double? Number => Cell?.DataType?.Value == CellValues.Number ? double.Parse(Cell.CellValue!.Text, CultureInfo.InvariantCulture) : null;

    public DateOnly? Date => Number is { } serial ? DateOnly.FromDateTime(DateTime.FromOADate(serial)) : null;
}
