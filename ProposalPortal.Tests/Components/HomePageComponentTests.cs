using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Components.Pages;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components;

public sealed class HomePageComponentTests : PortalBunitContext
{
    [Fact]
    public async Task ShowsOneRowPerYearNewestFirst()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        // This year (2026): a lead item closed and published on time, one in hand, one assisted; and one item in each of two earlier years.
        await scenario.SignedItemAsync(ProposalState.Closed, published: true);
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.AssistingItemAsync(ProposalState.OpinionSent);
        await scenario.ItemAsync(ProposalState.Accepted, daysAgo: 700);
        await scenario.ItemAsync(ProposalState.Accepted, daysAgo: 1400);
        Services.AddSingleton(portal.Scoped<StatisticsService>());
        StaticPage(portal);

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Equal(["2026", "2024", "2023"], cut.FindAll("tr[data-year]").Select(r => r.GetAttribute("data-year"))));
        var cells = cut.Find("tr[data-year='2026']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        // 年度, 收到, 主办, 协办, 已办结, 办结率, 按时办结率 (of the lead items), 满意率, 公开率, 超期, 临期.
        Assert.Equal(["2026 年", "3", "2", "1", "1", "50%", "50%", "100%", "100%", "0", "0"], cells);
    }

    [Fact]
    public async Task SaysSoWhenThereAreNoItemsYet()
    {
        await using var portal = await TestPortal.StartAsync(demo: false);
        Services.AddSingleton(portal.Scoped<StatisticsService>());
        StaticPage(portal);

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Contains("尚无建议提案", cut.Markup));
        Assert.Empty(cut.FindAll("tr[data-year]"));
    }

    // The home page renders statically; its LiveRefresh island only listens once it runs in a circuit.
    private void StaticPage(TestPortal portal)
    {
        Services.AddSingleton(portal.Get<ProposalPortal.Features.Supervision.ISupervisionNotifier>());
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
    }
}
