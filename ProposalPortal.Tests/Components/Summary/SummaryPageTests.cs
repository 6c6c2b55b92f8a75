using Bunit;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Summary;

/// <summary>The /summary page's downloads: Word and PDF side by side; a PDF the fonts cannot print is explained, not offered.</summary>
public sealed class SummaryPageTests : PortalBunitContext
{
    public override async Task InitializeAsync() => Portal = await TestPortal.StartAsync(demo: true);

    private async Task<(IRenderedComponent<SummaryPage> Page, int Year)> OpenAsync()
    {
        await SignInAsync(Portal!, "杨一", "Director");
        var year = (await Portal!.Scoped<StatisticsService>().YearsAsync())[0]; // the page opens on the latest year
        var page = Render<SummaryPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=summary-opening]")), TimeSpan.FromSeconds(10));
        return (page, year);
    }

    [Fact]
    public async Task ThePdfDownloadStandsBesideTheWordOne()
    {
        var (page, year) = await OpenAsync();

        Assert.Equal($"/summary/{year}.docx", page.Find("[data-testid=summary-docx]").GetAttribute("href"));
        var pdf = page.Find("[data-testid=summary-pdf]");
        Assert.Equal($"/summary/{year}.pdf", pdf.GetAttribute("href"));
        Assert.Contains("PDF", pdf.TextContent, StringComparison.Ordinal);
        Assert.False(pdf.HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=summary-pdf-problem]"));
    }

    [Fact]
    public async Task ACharacterTheFontCannotPrintIsNamedAndThePdfIsNotOffered()
    {
        var year = (await Portal!.Scoped<StatisticsService>().YearsAsync())[0];
        var service = Portal.Scoped<AnnualSummaryService>();
        var opened = await service.GetAsync(year);
        Assert.True((await service.SaveAsync(year, opened.Prose with { NextSteps = "走访𪚥村代表。" }, opened.Version,
            new Actor(0, "尤四", StaffRoles.Office))).IsOk);

        var (page, _) = await OpenAsync();

        Assert.Contains("𪚥", page.Find("[data-testid=summary-pdf-problem]").TextContent, StringComparison.Ordinal);
        var pdf = page.Find("[data-testid=summary-pdf]");
        Assert.True(pdf.HasAttribute("disabled"), pdf.OuterHtml);
    }

    [Fact]
    public async Task ASentenceTheDataContradictsIsNamedWithTheRecomputedOneAndTheOfficeCanTakeIt()
    {
        // 2022's prose saved with the meetings typed in, one figure since changed (3 局领导班子会 in the data, 2 typed).
        var service = Portal!.Scoped<AnnualSummaryService>();
        var opened = await service.GetAsync(2022);
        var typed = opened.Prose with
        {
            Practices = opened.Prose.Practices.Replace("{工作会议}", "共召开局领导班子会研究2次，领导小组会议2次，职工会动员推进2次", StringComparison.Ordinal),
        };
        Assert.True((await service.SaveAsync(2022, typed, opened.Version, new Actor(0, "尤四", StaffRoles.Office))).IsOk);
        await SignInAsync(Portal, "尤四", "Office");
        var page = Render<SummaryPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=summary-opening]")), TimeSpan.FromSeconds(10));
        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudSelect<int>>().Instance.ValueChanged.InvokeAsync(2022));

        page.WaitForAssertion(() => Assert.Contains(
            "「一、主要做法」中“共召开局领导班子会研究2次，领导小组会议2次，职工会动员推进2次”按数据应为“共召开局领导班子会研究3次，领导小组会议2次，职工会动员推进2次”。",
            page.Find("[data-testid=summary-discrepancy]").TextContent.Trim(), StringComparison.Ordinal));

        page.Find("[data-testid=summary-adopt]").Click();
        page.Find("[data-testid=summary-save]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=summary-discrepancy]")));
        var saved = await service.GetAsync(2022);
        Assert.Contains("组织保障。{工作会议}，切实强化", saved.Prose.Practices, StringComparison.Ordinal);
        Assert.Contains("共召开局领导班子会研究3次，领导小组会议2次，职工会动员推进2次，切实强化", saved.Text.Practices, StringComparison.Ordinal);
    }
}
