using Bunit;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Summary;

/// <summary>The /summary page's downloads: Word and PDF side by side; a PDF the fonts cannot print is explained, not offered.</summary>
public sealed class SummaryPageTests : PortalBunitContext
{
    private Scenario _scenario = null!;

    /// <summary>Last year (2025) a closed item and its work meetings; this year (2026) an item closed and one in hand.</summary>
    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
        await _scenario.SignedItemAsync(ProposalState.Closed, daysAgo: 400, published: true);
        await _scenario.SignedItemAsync(ProposalState.Closed, published: true);
        await _scenario.ItemAsync(ProposalState.InProgress);
        await using var db = Portal.Db();
        db.WorkMeetings.AddRange(
            new WorkMeeting(WorkMeetingKind.LeadershipTeam, new DateOnly(2025, 3, 24), "研究建议提案办理工作"),
            new WorkMeeting(WorkMeetingKind.LeadershipTeam, new DateOnly(2025, 5, 12), "研究建议提案办理工作"),
            new WorkMeeting(WorkMeetingKind.LeadershipTeam, new DateOnly(2025, 6, 23), "研究建议提案办理工作"),
            new WorkMeeting(WorkMeetingKind.LeadingGroup, new DateOnly(2025, 3, 25), "建议提案办理领导小组会议"),
            new WorkMeeting(WorkMeetingKind.LeadingGroup, new DateOnly(2025, 6, 2), "建议提案办理领导小组会议"),
            new WorkMeeting(WorkMeetingKind.StaffMobilization, new DateOnly(2025, 3, 28), "职工会动员推进建议提案办理"),
            new WorkMeeting(WorkMeetingKind.StaffMobilization, new DateOnly(2025, 5, 16), "职工会动员推进建议提案办理"));
        await db.SaveChangesAsync();
    }

    private async Task<(IRenderedComponent<SummaryPage> Page, int Year)> OpenAsync()
    {
        await SignInAsync(Portal!, _scenario.Director.Name, "Director");
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
            _scenario.Office)).IsOk);

        var (page, _) = await OpenAsync();

        Assert.Contains("𪚥", page.Find("[data-testid=summary-pdf-problem]").TextContent, StringComparison.Ordinal);
        var pdf = page.Find("[data-testid=summary-pdf]");
        Assert.True(pdf.HasAttribute("disabled"), pdf.OuterHtml);
    }

    [Fact]
    public async Task ASentenceTheDataContradictsIsNamedWithTheRecomputedOneAndTheOfficeCanTakeIt()
    {
        // Last year's prose saved with the meetings typed in, one figure since changed (3 局领导班子会 in the data, 2 typed).
        var service = Portal!.Scoped<AnnualSummaryService>();
        var opened = await service.GetAsync(2025);
        var typed = opened.Prose with
        {
            Practices = opened.Prose.Practices.Replace("{工作会议}", "共召开局领导班子会研究2次，领导小组会议2次，职工会动员推进2次", StringComparison.Ordinal),
        };
        Assert.True((await service.SaveAsync(2025, typed, opened.Version, _scenario.Office)).IsOk);
        await SignInAsync(Portal, _scenario.Office.Name, "Office");
        var page = Render<SummaryPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=summary-opening]")), TimeSpan.FromSeconds(10));
        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudSelect<int>>().Instance.ValueChanged.InvokeAsync(2025));

        page.WaitForAssertion(() => Assert.Contains(
            "「一、主要做法」中“共召开局领导班子会研究2次，领导小组会议2次，职工会动员推进2次”按数据应为“共召开局领导班子会研究3次，领导小组会议2次，职工会动员推进2次”。",
            page.Find("[data-testid=summary-discrepancy]").TextContent.Trim(), StringComparison.Ordinal));

        page.Find("[data-testid=summary-adopt]").Click();
        page.Find("[data-testid=summary-save]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=summary-discrepancy]")));
        var saved = await service.GetAsync(2025);
        Assert.Contains("责任落实。{工作会议}。", saved.Prose.Practices, StringComparison.Ordinal);
        Assert.Contains("责任落实。共召开局领导班子会研究3次，领导小组会议2次，职工会动员推进2次。", saved.Text.Practices, StringComparison.Ordinal);
    }
}
