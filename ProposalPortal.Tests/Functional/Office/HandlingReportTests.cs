using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.AspNetCore.Mvc.Testing;
using ProposalPortal.Features.Proposals.Export;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Office;

/// <summary>
/// 办理情况统计表 over the real app and the seed's 2022: one workbook per source, its lines the statistics figures over
/// that source's items (州, 市, 合计), then the source's items, linked from the statistics page; leaders only.
/// </summary>
public sealed class HandlingReportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, user);
        return client;
    }

    [Fact]
    public async Task TheProposalsReportHasTheSeedsFiguresForTheCppccUnderItsTitle()
    {
        var client = await SignedInAsync("yousi");

        var response = await client.GetAsync("/statistics/2022/report/proposals.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2022年政协委员提案办理情况统计表.xlsx", Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.ToString()), StringComparison.Ordinal);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var report = new SheetReader(xlsx);
        Assert.Equal("楚雄市发展和改革局2022年政协委员提案办理情况统计表", report.Row(1)[0]);
        Assert.StartsWith("填报单位：楚雄市发展和改革局", report.Row(2)[0], StringComparison.Ordinal);
        Assert.Equal(StatisticsExport.ReportColumns, report.Row(3));
        // The seed: 州政协 1 lead and 3 assisting, 市政协 8 lead; all 9 lead items closed, category A, published, 100% satisfied.
        var prefecture = report.RowWhere("来源", "州政协委员提案", headerRow: 3);
        var city = report.RowWhere("来源", "市政协委员提案", headerRow: 3);
        var total = report.RowWhere("来源", "合计", headerRow: 3);
        Assert.Equal((4.0, 1.0, 3.0), (prefecture["收到件数"].Number, prefecture["主办件"].Number, prefecture["协办件"].Number));
        Assert.Equal((8.0, 8.0, 0.0), (city["收到件数"].Number, city["主办件"].Number, city["协办件"].Number));
        Assert.Equal((12.0, 9.0, 9.0, 9.0), (total["收到件数"].Number, total["主办件"].Number, total["已办结（主办）"].Number, total["A类"].Number));
        Assert.Equal((7.0, 2.0, 0.0), (total["满意"].Number, total["基本满意"].Number, total["不满意"].Number));
        Assert.Equal((1.0, "0.0%"), (total["办结率"].Number, report.FormatOf(total["办结率"].Cell!)));
        Assert.Equal((1.0, 1.0, 9.0), (total["满意率"].Number, total["公开率"].Number, total["已公开"].Number));
        // The title spans the table and the header row is the frozen, printed-on-every-page one.
        var sheet = ((WorksheetPart)xlsx.WorkbookPart!.GetPartById(xlsx.WorkbookPart.Workbook!.Descendants<Sheet>().First().Id!)).Worksheet!;
        Assert.Contains(sheet.Descendants<MergeCell>(), m => m.Reference == "A1:U1");
        Assert.Equal("A4", sheet.Descendants<Pane>().Single().TopLeftCell!.Value);
        Assert.Contains(xlsx.WorkbookPart.Workbook.Descendants<DefinedName>(), d => d.Text.EndsWith("!$3:$3", StringComparison.Ordinal));

        // Then every item of the source, in the list export's columns.
        var items = new SheetReader(xlsx, 1);
        Assert.Equal(ProposalListExport.Columns, items.Row(2));
        Assert.Equal(12, items.RowCount - 2);
        Assert.Empty(new OpenXmlValidator().Validate(xlsx));
    }

    [Fact]
    public async Task TheSuggestionsReportCountsTheCongresssItemsOnly()
    {
        var client = await SignedInAsync("yangyi");

        var bytes = await client.GetByteArrayAsync("/statistics/2022/report/suggestions.xlsx");

        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var report = new SheetReader(xlsx);
        Assert.Equal("楚雄市发展和改革局2022年人大代表建议办理情况统计表", report.Row(1)[0]);
        // The seed: 州人大 2 lead, 市人大 2 lead and 4 assisting.
        var total = report.RowWhere("来源", "合计", headerRow: 3);
        Assert.Equal((8.0, 4.0, 4.0), (total["收到件数"].Number, total["主办件"].Number, total["协办件"].Number));
        Assert.Equal(2.0, report.RowWhere("来源", "州人大代表建议", headerRow: 3)["收到件数"].Number);
    }

    [Fact]
    public async Task TheStatisticsPageLinksBothReportsAndSectionStaffGetNone()
    {
        var office = await SignedInAsync("yousi");
        var staff = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostLoginAsync(staff, "heliu", ProposalPortal.Features.Account.AccountSeeder.DemoPassword)).StatusCode);

        var page = await office.GetStringAsync("/statistics?year=2022");
        var refused = await staff.GetAsync("/statistics/2022/report/proposals.xlsx");

        Assert.Contains("href=\"/statistics/2022/report/suggestions.xlsx\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/statistics/2022/report/proposals.xlsx\"", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
