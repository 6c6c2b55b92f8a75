using System.Text.Json;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Api;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Api;

/// <summary>What a wall display or the city's system reads from /api/v1/statistics: the figures the statistics page shows.</summary>
public sealed class StatisticsContractTests
{
    [Fact]
    public void ItemsClosedWithoutAnAnswerAreCountedApartFromTheEvaluatedOnes()
    {
        static ProposalFacts Closed(int id, Satisfaction? final, bool noFeedback = false) =>
            new(id, ProposalKind.Proposal, Level.City, HandlingRole.Lead, ProposalState.Closed, false, new DateOnly(2023, 7, 10),
                new DateOnly(2023, 7, 1), 1, ResultCategory.A, true, true, final, final, false, true, noFeedback);
        var figures = FigureRules.Compute(2023, [Closed(1, Satisfaction.Satisfied), Closed(2, null, noFeedback: true), Closed(3, null, noFeedback: true)],
            [], new Dictionary<int, string> { [1] = "发展规划科" }, new Dictionary<WorkMeetingKind, int>(), null, new DateOnly(2023, 8, 1),
            new StatisticsOptions(), new DeadlineCalculator(new DeadlineOptions(), Contexts.Calendar));

        var json = JsonSerializer.SerializeToElement(StatisticsDto.From(figures), JsonSerializerOptions.Web);

        Assert.Equal(2, json.GetProperty("noFeedback").GetInt32());
        Assert.Equal(1, json.GetProperty("evaluated").GetInt32());
        Assert.Equal(1.0, json.GetProperty("satisfactionRate").GetDouble());
    }
}
