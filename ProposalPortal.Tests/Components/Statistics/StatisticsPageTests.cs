using ProposalPortal.Domain.Proposals;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Statistics;

/// <summary>The statistics page over a scenario: the figures, their definitions, the breakdowns.</summary>
public sealed class StatisticsPageTests : PortalBunitContext
{
    private Scenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
        // This year (2026): two lead items closed with a signed, published reply, one in hand, one assisted; one item last year.
        await _scenario.SignedItemAsync(ProposalState.Closed, published: true);
        await _scenario.SignedItemAsync(ProposalState.Closed, published: true, satisfaction: Satisfaction.BasicallySatisfied);
        await _scenario.ItemAsync(ProposalState.InProgress);
        await _scenario.AssistingItemAsync(ProposalState.OpinionSent);
        await _scenario.ItemAsync(ProposalState.Accepted, daysAgo: 400);
    }

    private async Task<IRenderedComponent<StatisticsPage>> OpenAsync(int year)
    {
        await SignInAsync(Portal!, _scenario.Director.Name, "Director");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"statistics?year={year}");
        var page = Render<StatisticsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=figure-received]")), TimeSpan.FromSeconds(10));
        return page;
    }

    private static string Value(IRenderedComponent<StatisticsPage> page, string key) =>
        page.Find($"[data-testid=figure-{key}] [data-testid=figure-value]").TextContent.Trim();

    [Fact]
    public async Task AnItemClosedWithNoAnswerIsCountedAs未反馈AndNotInTheSatisfactionRate()
    {
        // A reply nobody answered; once the window has ended the Office closes it.
        var unanswered = await _scenario.SignedItemAsync(ProposalState.Replied);
        var before = (await Portal!.Scoped<StatisticsService>().GetYearFiguresAsync(2026)).FinalSatisfaction;
        Portal.Time.Advance(TimeSpan.FromDays(40));
        await _scenario.StepAsync(unanswered.Id, _scenario.Office, (p, c) => p.Close(_scenario.Office, null, c));

        var page = await OpenAsync(2026);

        Assert.Equal("1", Value(page, "no-feedback"));
        Assert.Contains(FigureDefinitions.NoFeedback, page.Find("[data-testid=figure-no-feedback]").GetAttribute("aria-label"));
        Assert.Equal("100%（2/2）", Value(page, "satisfaction")); // the unanswered item is not in it
        Assert.Equal($"{before}（{before.Numerator}/{before.Denominator}）", Value(page, "satisfaction"));
    }

    [Fact]
    public async Task EveryFigureCarriesItsDefinition()
    {
        var page = await OpenAsync(2026);

        var completion = page.Find("[data-testid=figure-completion]").GetAttribute("aria-label");
        Assert.Contains(FigureDefinitions.CompletionRate, completion);
        Assert.Contains("满意或基本满意", page.Find("[data-testid=figure-satisfaction]").GetAttribute("aria-label"));
        Assert.All(page.FindAll("[data-testid^=figure-]").Where(e => e.GetAttribute("data-testid") != "figure-value"),
            card => Assert.Contains("。", card.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task TheBreakdownsShowSourceRoleCategoryAndSatisfactionRounds()
    {
        var page = await OpenAsync(2026);

        var source = page.Find("[data-testid=by-source]").TextContent;
        Assert.Contains("市政协", source);
        var cityCppcc = page.FindAll("[data-testid=by-source] tbody tr").Single(r => r.TextContent.Contains("市政协", StringComparison.Ordinal));
        Assert.Equal(["市政协", "3", "1", "4"], cityCppcc.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var categoryA = page.FindAll("[data-testid=by-category] tbody tr")[0];
        Assert.Equal("2", categoryA.QuerySelectorAll("td")[1].TextContent.Trim());
        var rounds = page.FindAll("[data-testid=satisfaction] tbody tr");
        Assert.Equal(["初次评价", "最终评价"], rounds.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Contains("测试主题", page.Find("[data-testid=by-topic]").TextContent);
        Assert.Contains("2025", page.Find("[data-testid=year-over-year]").TextContent);
        Assert.NotEmpty(page.FindAll("svg")); // the charts
    }
}
