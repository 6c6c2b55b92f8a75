using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Domain.Statistics;

/// <summary>The definitions of the figures, on hand-made facts.</summary>
public sealed class FigureRulesTests
{
    private static readonly DateOnly Today = new(2023, 8, 1);
    private static readonly DeadlineCalculator Deadlines = new(new DeadlineOptions(), Contexts.Calendar);

    private static ProposalFacts Lead(int id, ProposalState state = ProposalState.Closed, DateOnly? deadline = null, DateOnly? closedOn = null,
        Satisfaction? first = null, Satisfaction? final = null, bool published = true, bool faceToFace = false, int? section = 1,
        ResultCategory? category = ResultCategory.A, Level level = Level.City, ProposalKind kind = ProposalKind.Proposal) =>
        new(id, kind, level, HandlingRole.Lead, state, false, deadline ?? new DateOnly(2023, 7, 10),
            closedOn ?? (state == ProposalState.Closed ? new DateOnly(2023, 7, 1) : null), section, category,
            state is ProposalState.Replied or ProposalState.Evaluated or ProposalState.Closed, published, first, final ?? first, faceToFace,
            Proposal.IsDeadlineStepDoneIn(state));

    private static YearFigures Compute(IReadOnlyCollection<ProposalFacts> items, StatisticsOptions? options = null, int? previous = null,
        IReadOnlyCollection<(int, string)>? topics = null) =>
        FigureRules.Compute(2023, items, topics ?? [], new Dictionary<int, string> { [1] = "发展规划科", [2] = "能源科" },
            new Dictionary<WorkMeetingKind, int>(), previous, Today, options ?? new StatisticsOptions(), Deadlines);

    [Fact]
    public void SatisfactionCountsBasicallySatisfiedByDefaultAndOnlySatisfiedWhenConfigured()
    {
        ProposalFacts[] items =
        [
            Lead(1, first: Satisfaction.Satisfied),
            Lead(2, first: Satisfaction.BasicallySatisfied),
            Lead(3, first: Satisfaction.Unsatisfied, final: Satisfaction.Satisfied),
            Lead(4, state: ProposalState.Replied, first: null),
        ];

        var byDefault = Compute(items);
        var strict = Compute(items, new StatisticsOptions { SatisfactionCountsBasicallySatisfied = false });

        Assert.Equal(new Rate(2, 3), byDefault.FirstRoundSatisfaction);
        Assert.Equal(new Rate(3, 3), byDefault.FinalSatisfaction);
        Assert.Equal("66.7%", byDefault.FirstRoundSatisfaction.ToString());
        Assert.Equal(new Rate(1, 3), strict.FirstRoundSatisfaction);
        Assert.Equal(new Rate(2, 3), strict.FinalSatisfaction);
    }

    [Fact]
    public void CompletionAndOnTimeRatesCountLeadItemsOnly()
    {
        ProposalFacts[] items =
        [
            Lead(1, closedOn: new DateOnly(2023, 7, 10)),
            Lead(2, closedOn: new DateOnly(2023, 7, 11)),
            Lead(3, state: ProposalState.InProgress),
            Lead(4, state: ProposalState.InProgress) with { Role = HandlingRole.Assisting },
        ];

        var f = Compute(items);

        Assert.Equal(3, f.Lead);
        Assert.Equal(1, f.Assisting);
        Assert.Equal(new Rate(2, 3), f.CompletionRate);
        Assert.Equal(new Rate(1, 3), f.OnTimeRate);
    }

    [Fact]
    public void RatesAreNullNotZeroWhenNothingIsCountedYet()
    {
        var f = Compute([]);

        Assert.Null(f.CompletionRate.Value);
        Assert.Null(f.FinalSatisfaction.Value);
        Assert.Equal("—", f.PublicationRate.ToString());
        Assert.Null(f.YearOverYearRatio);
    }

    [Fact]
    public void OverdueAndDueSoonFollowTheDeadlineRules()
    {
        ProposalFacts[] items =
        [
            Lead(1, state: ProposalState.InProgress, deadline: Today.AddDays(-1), section: 1),
            Lead(2, state: ProposalState.InProgress, deadline: Today.AddDays(15), section: 2),
            Lead(3, state: ProposalState.InProgress, deadline: Today.AddDays(16), section: 2),
            Lead(4, state: ProposalState.Replied, deadline: Today.AddDays(-30), section: 2),
        ];

        var f = Compute(items);

        Assert.Equal(1, f.Overdue);
        Assert.Equal(1, f.DueSoon);
        var planning = f.BySection.Single(s => s.SectionName == "发展规划科");
        Assert.Equal((1, 1, 0), (planning.Open, planning.Overdue, planning.DueSoon));
        var energy = f.BySection.Single(s => s.SectionName == "能源科");
        Assert.Equal((3, 0, 1), (energy.Open, energy.Overdue, energy.DueSoon));
    }

    [Fact]
    public void PublicationFaceToFaceCategoriesSourcesTopicsAndYearOverYear()
    {
        ProposalFacts[] items =
        [
            Lead(1, faceToFace: true, category: ResultCategory.A),
            Lead(2, published: false, category: ResultCategory.B, level: Level.Prefecture, kind: ProposalKind.Suggestion),
            Lead(3, state: ProposalState.InProgress, category: null),
        ];

        var f = Compute(items, previous: 1, topics: [(1, "数字经济"), (2, "数字经济"), (2, "城乡融合发展"), (99, "不相干")]);

        Assert.Equal(new Rate(1, 2), f.PublicationRate);
        Assert.Equal(new Rate(1, 3), f.FaceToFaceRate);
        Assert.Equal(1, f.Categories[ResultCategory.A]);
        Assert.Equal(1, f.Categories[ResultCategory.B]);
        Assert.Equal(0, f.Categories[ResultCategory.C]);
        Assert.Equal(1, f.CountOf("州人大", HandlingRole.Lead));
        Assert.Equal(2, f.CountOf("市政协", HandlingRole.Lead));
        Assert.Equal([new TopicCount("数字经济", 2), new TopicCount("城乡融合发展", 1)], f.ByTopic);
        Assert.Equal(3.0, f.YearOverYearRatio);
    }

    [Fact]
    public void ReturnedItemsAreCountedApartAndLeftOutOfTheRates()
    {
        ProposalFacts[] items = [Lead(1), Lead(2, state: ProposalState.Returned, category: null)];

        var f = Compute(items);

        Assert.Equal(1, f.Received);
        Assert.Equal(1, f.Lead);
        Assert.Equal(1, f.Returned);
        Assert.Equal("100%", f.CompletionRate.ToString());
    }

    [Fact]
    public void ItemsClosedAsNoFeedbackAreCountedApartAndLeftOutOfTheSatisfactionRates()
    {
        ProposalFacts[] items =
        [
            Lead(1, first: Satisfaction.Satisfied),
            Lead(2, first: Satisfaction.Unsatisfied),
            Lead(3, first: null) with { FinalSatisfaction = null, NoFeedback = true },
        ];

        var figures = Compute(items);

        Assert.Equal(1, figures.NoFeedback);
        Assert.Equal(new Rate(1, 2), figures.FinalSatisfaction);
        Assert.Equal(new Rate(3, 3), figures.CompletionRate); // closed all the same
    }
}
