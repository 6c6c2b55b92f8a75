using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Components.Pages;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components;

public sealed class HomePageComponentTests : PortalBunitContext
{
    [Fact]
    public async Task ShowsOneRowPerYearNewestFirst()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        Services.AddSingleton(portal.Scoped<StatisticsService>());
        StaticPage(portal);

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Equal(["2026", "2022", "2021"], cut.FindAll("tr[data-year]").Select(r => r.GetAttribute("data-year"))));
        var cells = cut.Find("tr[data-year='2022']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["2022 年", "20", "13", "7", "13", "100%", "100%", "100%", "100%", "0", "0"], cells);
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
