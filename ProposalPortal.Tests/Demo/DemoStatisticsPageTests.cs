using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Demo;

/// <summary>The statistics page over the demo database shows the seed's 2022 figures.</summary>
public sealed class DemoStatisticsPageTests : PortalBunitContext
{
    public override async Task InitializeAsync() => Portal = await TestPortal.StartAsync(demo: true);

    private async Task<IRenderedComponent<StatisticsPage>> OpenAsync(int year)
    {
        await SignInAsync(Portal!, "杨一", "Director");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"statistics?year={year}");
        var page = Render<StatisticsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=figure-received]")), TimeSpan.FromSeconds(10));
        return page;
    }

    private static string Value(IRenderedComponent<StatisticsPage> page, string key) =>
        page.Find($"[data-testid=figure-{key}] [data-testid=figure-value]").TextContent.Trim();

    [Fact]
    public async Task The2022FiguresAreTheSeeds()
    {
        var page = await OpenAsync(2022);

        Assert.Equal("20", Value(page, "received"));
        Assert.Equal("13", Value(page, "lead"));
        Assert.Equal("7", Value(page, "assisting"));
        Assert.Equal("100%（13/13）", Value(page, "completion"));
        Assert.Equal("100%（13/13）", Value(page, "satisfaction"));
        Assert.Equal("100%（13/13）", Value(page, "publication"));
        Assert.Equal("2", Value(page, "key"));
        Assert.StartsWith("20 / 9", Value(page, "year-over-year"));
    }
}
