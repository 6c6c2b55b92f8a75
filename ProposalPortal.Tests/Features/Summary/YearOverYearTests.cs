using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Summary;

/// <summary>Year-over-year compares like with like: items returned (退回) are left out of both years.</summary>
public sealed class YearOverYearTests : IAsyncLifetime
{
    private TestPortal _portal = null!;

    // A year before the tests' today (2026-11-28), so that last year's items can be registered and returned in time.
    public async Task InitializeAsync() => _portal = await TestPortal.StartAsync(now: new DateTimeOffset(2025, 11, 20, 2, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ReturnedItemsOfEitherYearAreLeftOutOfTheComparison()
    {
        var scenario = await Scenario.CreateAsync(_portal);
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.ItemAsync(ProposalState.Returned, daysAgo: 2);
        _portal.Time.SetUtcNow(TestPortal.DefaultNow);
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.ItemAsync(ProposalState.Drafted);
        await scenario.ItemAsync(ProposalState.Returned, daysAgo: 2);

        var figures = await _portal.Scoped<StatisticsService>().GetYearFiguresAsync(2026);
        var summary = await _portal.Scoped<AnnualSummaryService>().GetAsync(2026);

        Assert.Equal((2, 1, 1), (figures.Received, figures.Returned, figures.PreviousYearReceived!.Value));
        // 2 against 1: doubled. Counting last year's returned item would have said 持平.
        Assert.StartsWith("与去年相比，承办件数翻了一倍。", summary.Text.Difficulties, StringComparison.Ordinal);
    }
}
