using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.AspNetCore.Mvc.Testing;
using ProposalPortal.Features.Proposals.Export;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;
using Scenario = ProposalPortal.Tests.TestSupport.Scenario;

namespace ProposalPortal.Tests.Functional.Office;

/// <summary>
/// 办理情况统计表 over the real app and a scenario's year: one workbook per source, its lines the statistics figures over
/// that source's items (州, 市, 合计), then the source's items, linked from the statistics page; leaders only.
/// </summary>
public sealed class HandlingReportTests(HandlingReportSite site) : IClassFixture<HandlingReportSite>
{
    private string Year => site.Portal.Clock.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpClient> SignedInAsync(string user) => site.SignedInClientAsync(user);

    [Fact]
    public async Task TheProposalsReportHasTheYearsFiguresForTheCppccUnderItsTitle()
    {
        var client = await SignedInAsync(ScenarioSite.Office);

        var response = await client.GetAsync($"/statistics/{Year}/report/proposals.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{Year}年政协委员提案办理情况统计表.xlsx", Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.ToString()), StringComparison.Ordinal);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var report = new SheetReader(xlsx);
        Assert.Equal($"楚雄市发展和改革局{Year}年政协委员提案办理情况统计表", report.Row(1)[0]);
        Assert.StartsWith("填报单位：楚雄市发展和改革局", report.Row(2)[0], StringComparison.Ordinal);
        Assert.Equal(StatisticsExport.ReportColumns, report.Row(3));
        // The scenario: 州政协 1 lead and 1 assisting, 市政协 2 lead; all 3 lead items closed, category A, published, 100% satisfied.
        var prefecture = report.RowWhere("来源", "州政协委员提案", headerRow: 3);
        var city = report.RowWhere("来源", "市政协委员提案", headerRow: 3);
        var total = report.RowWhere("来源", "合计", headerRow: 3);
        Assert.Equal((2.0, 1.0, 1.0), (prefecture["收到件数"].Number, prefecture["主办件"].Number, prefecture["协办件"].Number));
        Assert.Equal((2.0, 2.0, 0.0), (city["收到件数"].Number, city["主办件"].Number, city["协办件"].Number));
        Assert.Equal((4.0, 3.0, 3.0, 3.0), (total["收到件数"].Number, total["主办件"].Number, total["已办结（主办）"].Number, total["A类"].Number));
        Assert.Equal((2.0, 1.0, 0.0), (total["满意"].Number, total["基本满意"].Number, total["不满意"].Number));
        Assert.Equal((1.0, "0.0%"), (total["办结率"].Number, report.FormatOf(total["办结率"].Cell!)));
        Assert.Equal((1.0, 1.0, 3.0), (total["满意率"].Number, total["公开率"].Number, total["已公开"].Number));
        // The title spans the table and the header row is the frozen, printed-on-every-page one.
        var sheet = ((WorksheetPart)xlsx.WorkbookPart!.GetPartById(xlsx.WorkbookPart.Workbook!.Descendants<Sheet>().First().Id!)).Worksheet!;
        Assert.Contains(sheet.Descendants<MergeCell>(), m => m.Reference == "A1:U1");
        Assert.Equal("A4", sheet.Descendants<Pane>().Single().TopLeftCell!.Value);
        Assert.Contains(xlsx.WorkbookPart.Workbook.Descendants<DefinedName>(), d => d.Text.EndsWith("!$3:$3", StringComparison.Ordinal));

        // Then every item of the source, in the list export's columns.
        var items = new SheetReader(xlsx, 1);
        Assert.Equal(ProposalListExport.Columns, items.Row(2));
        Assert.Equal(4, items.RowCount - 2);
        Assert.Empty(new OpenXmlValidator().Validate(xlsx));
    }

    [Fact]
    public async Task TheSuggestionsReportCountsTheCongresssItemsOnly()
    {
        var client = await SignedInAsync(ScenarioSite.Director);

        var bytes = await client.GetByteArrayAsync($"/statistics/{Year}/report/suggestions.xlsx");

        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var report = new SheetReader(xlsx);
        Assert.Equal($"楚雄市发展和改革局{Year}年人大代表建议办理情况统计表", report.Row(1)[0]);
        // The scenario: 州人大 1 lead, 市人大 1 lead and 1 assisting.
        var total = report.RowWhere("来源", "合计", headerRow: 3);
        Assert.Equal((3.0, 2.0, 1.0), (total["收到件数"].Number, total["主办件"].Number, total["协办件"].Number));
        Assert.Equal(1.0, report.RowWhere("来源", "州人大代表建议", headerRow: 3)["收到件数"].Number);
    }

    [Fact]
    public async Task TheStatisticsPageLinksBothReportsAndSectionStaffGetNone()
    {
        var office = await SignedInAsync(ScenarioSite.Office);
        var staff = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostLoginAsync(staff, ScenarioSite.Handler, Scenario.AccountPassword)).StatusCode);

        var page = await office.GetStringAsync($"/statistics?year={Year}");
        var refused = await staff.GetAsync($"/statistics/{Year}/report/proposals.xlsx");

        Assert.Contains($"href=\"/statistics/{Year}/report/suggestions.xlsx\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/statistics/{Year}/report/proposals.xlsx\"", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}

/// <summary>
/// A year of every source: 州政协 one lead and one assisted, 市政协 two lead (one 基本满意), 州人大 one lead, 市人大 one lead
/// and one assisted; every lead item closed, category A, published, with its signed letter.
/// </summary>
public sealed class HandlingReportSite : ScenarioSite
{
    protected override async Task BuildAsync(Scenario scenario)
    {
        await scenario.SignedItemAsync(ProposalState.Closed, published: true, level: Level.Prefecture);
        await scenario.AssistingItemAsync(ProposalState.Closed, level: Level.Prefecture);
        await scenario.SignedItemAsync(ProposalState.Closed, published: true);
        await scenario.SignedItemAsync(ProposalState.Closed, published: true, satisfaction: Satisfaction.BasicallySatisfied);
        await scenario.SignedItemAsync(ProposalState.Closed, published: true, kind: ProposalKind.Suggestion, level: Level.Prefecture);
        await scenario.SignedItemAsync(ProposalState.Closed, published: true, kind: ProposalKind.Suggestion);
        await scenario.AssistingItemAsync(ProposalState.Closed, kind: ProposalKind.Suggestion);
    }
}
