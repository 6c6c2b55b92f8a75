using System.Net;
using ProposalPortal.Features.Import;
using ProposalPortal.Tests.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Office;

/// <summary>The Office's downloads over the real app: the import template, the statistics exports, the summary .docx and .pdf.</summary>
public sealed class OfficeDownloadsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, user);
        return client;
    }

    [Fact]
    public async Task TheFiguresExportHoldsTheYearsFiguresWithTheirDefinitions()
    {
        var client = await SignedInAsync("yangyi");

        var bytes = await client.GetByteArrayAsync("/statistics/2022/figures.xlsx");

        var (table, problem) = AssignmentFileReader.Read("统计.xlsx", bytes);
        Assert.Null(problem);
        Assert.Equal(["指标", "数值", "口径"], table!.Headers);
        var received = table.Rows.Single(r => r.Cell(0) == "收到件数");
        Assert.Equal("20", received.Cell(1));
        Assert.Contains("不含已退回件", received.Cell(2));
        Assert.Equal("100%(13/13)", table.Rows.Single(r => r.Cell(0) == "办结率").Cell(1));
    }

    [Fact]
    public async Task TheItemListExportHasEveryItemOfTheYear()
    {
        var client = await SignedInAsync("yousi");

        var bytes = await client.GetByteArrayAsync("/statistics/2022/items.xlsx");

        var (table, _) = AssignmentFileReader.Read("清单.xlsx", bytes);
        Assert.Equal(20, table!.Rows.Count);
        Assert.Contains(table.Rows, r => r.Cell(4) == "关于加快推进新能源汽车充电设施建设的提案" && r.Cell(7) == "是");
    }

    [Fact]
    public async Task TheSummaryDocxDownloadsForLeadersAndTheOffice()
    {
        var client = await SignedInAsync("zhuer");

        var response = await client.GetAsync("/summary/2022.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        var paragraphs = AnnualSummaryTests.Paragraphs(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("2022年,市发展和改革局共收到州市人大代表议案建议和政协提案20件", paragraphs[1]);
    }

    [Theory]
    [InlineData("yangyi")]
    [InlineData("zhuer")]
    [InlineData("yousi")]
    public async Task TheSummaryPdfDownloadsForLeadersAndTheOffice(string user)
    {
        var client = await SignedInAsync(user);

        var response = await client.GetAsync("/summary/2022.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pages = PdfInspection.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("楚雄市发展和改革局2022年", pages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTemplateIsTheOfficesDownload()
    {
        var office = await SignedInAsync("yousi");
        var template = await office.GetByteArrayAsync("/import/template.xlsx");
        Assert.Equal(AssignmentList.Columns, AssignmentFileReader.Read("模板.xlsx", template).Table!.Headers);
    }

    [Theory]
    [InlineData("/statistics/2022/figures.xlsx")]
    [InlineData("/statistics/2022/items.xlsx")]
    [InlineData("/summary/2022.docx")]
    [InlineData("/summary/2022.pdf")]
    [InlineData("/import/template.xlsx")]
    public async Task SectionStaffGetNoneOfThem(string path)
    {
        var client = await SignedInAsync("heliu");

        var response = await client.GetAsync(path);

        // Refused: sent to the "denied" page, never the file.
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/account/denied", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
