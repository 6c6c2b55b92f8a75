using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Domain.Summaries;

namespace ProposalPortal.Tests.Domain.Summaries;

/// <summary>The summary's sentences with numbers for years that are not the seed's.</summary>
public sealed class SummaryWordingTests
{
    private static YearFigures Figures(int lead, int closed, int published, IReadOnlyDictionary<ResultCategory, int>? categories = null,
        int? previous = null, (int Satisfied, int Evaluated)? satisfaction = null) => new(
        Year: 2023, Received: lead + 2, Lead: lead, Assisting: 2,
        BySource: [new("市政协", HandlingRole.Lead, lead), new("州人大", HandlingRole.Assisting, 2)],
        LeadClosed: closed, CompletionRate: new Rate(closed, lead), ClosedOnTime: closed, OnTimeRate: new Rate(closed, lead),
        FirstRoundSatisfaction: new Rate(0, 0),
        FinalSatisfaction: satisfaction is { } s ? new Rate(s.Satisfied, s.Evaluated) : new Rate(0, 0),
        PublicationRate: new Rate(published, closed), FaceToFaceRate: new Rate(0, lead),
        Categories: categories ?? new Dictionary<ResultCategory, int>(), KeyItems: 0, Overdue: 0, DueSoon: 0, BySection: [], ByTopic: [],
        PreviousYearReceived: previous, Meetings: new Dictionary<WorkMeetingKind, int>(), Returned: 0,
        LastLeadClosedOn: closed > 0 ? new DateOnly(2023, 6, 30) : null, LatestLeadDeadline: new DateOnly(2023, 6, 15));

    [Fact]
    public void AYearStillInProgressSaysHowManyAreClosedSoFar()
    {
        var figures = Figures(lead: 10, closed: 4, published: 3,
            new Dictionary<ResultCategory, int> { [ResultCategory.A] = 3, [ResultCategory.B] = 1 }, satisfaction: (3, 4));

        var opening = SummaryWording.Opening(figures, "市发展和改革局", new DateOnly(2023, 9, 1));

        Assert.Equal("2023年,市发展和改革局共收到州市人大代表议案建议和政协提案12件,其中,主办件10件(市政协委员提案10件);协办件2件(州人大代表建议2件)。" +
            "截至9月1日,10件主办件已办结4件,办理类别为“A”类3件、“B”类1件,办结率40%。" +
            "其中3件通过政府门户网站进行了公开,主动接受社会监督与批评,满意率75%。", opening);
    }

    [Fact]
    public void WithoutEvaluationsOrPublicationTheLastSentenceIsLeftOut()
    {
        var opening = SummaryWording.Opening(Figures(lead: 3, closed: 0, published: 0), "市发展和改革局", new DateOnly(2023, 4, 1));

        Assert.EndsWith("截至4月1日,3件主办件已办结0件,办结率0%。", opening);
    }

    [Theory]
    [InlineData(20, 9, "与去年相比,承办件数已翻一倍多")]
    [InlineData(18, 9, "与去年相比,承办件数翻了一倍")]
    [InlineData(12, 9, "与去年相比,承办件数增加3件")]
    [InlineData(9, 12, "与去年相比,承办件数减少3件")]
    [InlineData(9, 9, "承办件数与去年持平")]
    public void YearOverYearInTheSeedsWords(int received, int previous, string expected)
    {
        var figures = Figures(lead: received - 2, closed: 0, published: 0, previous: previous);

        Assert.Equal(expected, SummaryWording.YearOverYear(figures));
    }
}
