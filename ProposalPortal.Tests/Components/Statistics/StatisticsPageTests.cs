using ProposalPortal.Features.Proposals;
using Microsoft.EntityFrameworkCore;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Statistics;

/// <summary>The statistics page over the demo database: the seed's 2022 figures, their definitions, the breakdowns.</summary>
public sealed class StatisticsPageTests : PortalBunitContext
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

    [Fact]
    public async Task AnItemClosedWithNoAnswerIsCountedAs未反馈AndNotInTheSatisfactionRate()
    {
        // 第47号 of the current year was replied to and never answered; once the window has ended the Office closes it.
        var before = (await Portal!.Scoped<StatisticsService>().GetYearFiguresAsync(2026)).FinalSatisfaction;
        await using (var db = Portal.Db())
        {
            var id = await db.Proposals.Where(p => p.Year == 2026 && p.Number == 47).Select(p => p.Id).SingleAsync();
            Portal.Time.Advance(TimeSpan.FromDays(40));
            var office = await Portal.ActorAsync("尤四");
            var service = Portal.Scoped<ProposalService>();
            var item = await service.FindAsync(id, office);
            var closed = await service.ExecuteAsync(id, item!.Version, office, (p, c) => p.Close(office, null, c));
            Assert.True(closed.IsOk, closed.Error);
        }

        var page = await OpenAsync(2026);

        Assert.Equal("1", Value(page, "no-feedback"));
        Assert.Contains(FigureDefinitions.NoFeedback, page.Find("[data-testid=figure-no-feedback]").GetAttribute("aria-label"));
        Assert.Equal($"{before}（{before.Numerator}/{before.Denominator}）", Value(page, "satisfaction")); // 第47号 is not in it
    }

    [Fact]
    public async Task EveryFigureCarriesItsDefinition()
    {
        var page = await OpenAsync(2022);

        var completion = page.Find("[data-testid=figure-completion]").GetAttribute("aria-label");
        Assert.Contains(FigureDefinitions.CompletionRate, completion);
        Assert.Contains("满意或基本满意", page.Find("[data-testid=figure-satisfaction]").GetAttribute("aria-label"));
        Assert.All(page.FindAll("[data-testid^=figure-]").Where(e => e.GetAttribute("data-testid") != "figure-value"),
            card => Assert.Contains("。", card.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task TheBreakdownsShowSourceRoleCategoryAndSatisfactionRounds()
    {
        var page = await OpenAsync(2022);

        var source = page.Find("[data-testid=by-source]").TextContent;
        Assert.Contains("市政协", source);
        var cityCppcc = page.FindAll("[data-testid=by-source] tbody tr").Single(r => r.TextContent.Contains("市政协", StringComparison.Ordinal));
        Assert.Equal(["市政协", "8", "0", "8"], cityCppcc.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var categoryA = page.FindAll("[data-testid=by-category] tbody tr")[0];
        Assert.Equal("13", categoryA.QuerySelectorAll("td")[1].TextContent.Trim());
        var rounds = page.FindAll("[data-testid=satisfaction] tbody tr");
        Assert.Equal(["初次评价", "最终评价"], rounds.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Contains("城乡融合发展", page.Find("[data-testid=by-topic]").TextContent);
        Assert.Contains("2021", page.Find("[data-testid=year-over-year]").TextContent);
        Assert.NotEmpty(page.FindAll("svg")); // the charts
    }
}
