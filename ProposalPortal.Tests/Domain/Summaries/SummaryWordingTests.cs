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
        Categories: categories ?? new Dictionary<ResultCategory, int>(), ClosedCategories: categories, ClosedPublished: published, KeyItems: 0, Overdue: 0, DueSoon: 0, BySection: [], ByTopic: [],
        PreviousYearReceived: previous, Meetings: new Dictionary<WorkMeetingKind, int>(), Returned: 0,
        LastLeadClosedOn: closed > 0 ? new DateOnly(2023, 6, 30) : null, LatestLeadDeadline: new DateOnly(2023, 6, 15));

    [Fact]
    public void AYearStillInProgressSaysHowManyAreClosedSoFar()
    {
        var figures = Figures(lead: 10, closed: 4, published: 3,
            new Dictionary<ResultCategory, int> { [ResultCategory.A] = 3, [ResultCategory.B] = 1 }, satisfaction: (3, 4));

        var opening = SummaryWording.Opening(figures, "市发展和改革局", new DateOnly(2023, 9, 1));

        Assert.Equal("2023年，市发展和改革局共收到州市人大代表议案建议和政协提案12件，其中，主办件10件（市政协委员提案10件）；协办件2件（州人大代表建议2件）。" +
            "截至9月1日，10件主办件中已办结4件，办理类别为“A”类3件、“B”类1件，办结率40%。" +
            "已办结的4件中3件通过政府门户网站进行了公开，主动接受社会监督与批评，满意率75%。", opening);
    }

    [Fact]
    public void WithoutEvaluationsOrPublicationTheLastSentenceIsLeftOut()
    {
        var opening = SummaryWording.Opening(Figures(lead: 3, closed: 0, published: 0), "市发展和改革局", new DateOnly(2023, 4, 1));

        Assert.EndsWith("截至4月1日，3件主办件中已办结0件，办结率0%。", opening);
    }

    [Theory]
    [InlineData(20, 9, "与去年相比，承办件数已翻一倍多")]
    [InlineData(18, 9, "与去年相比，承办件数翻了一倍")]
    [InlineData(12, 9, "与去年相比，承办件数增加3件")]
    [InlineData(9, 12, "与去年相比，承办件数减少3件")]
    [InlineData(9, 9, "承办件数与去年持平")]
    public void YearOverYearInTheSeedsWords(int received, int previous, string expected)
    {
        var figures = Figures(lead: received - 2, closed: 0, published: 0, previous: previous);

        Assert.Equal(expected, SummaryWording.YearOverYear(figures));
    }

    [Fact]
    public void AYearInProgressSpeaksOfItsClosedItemsOnly()
    {
        // 13 lead items, 4 replies signed (all A), 1 of them closed: the categories and the publication are the closed one's.
        var figures = Figures(lead: 13, closed: 1, published: 1, new Dictionary<ResultCategory, int> { [ResultCategory.A] = 1 }) with
        {
            Categories = new Dictionary<ResultCategory, int> { [ResultCategory.A] = 4 },
            PublicationRate = new Rate(4, 4),
        };

        var opening = SummaryWording.Opening(figures, "市发展和改革局", new DateOnly(2023, 9, 1));

        Assert.EndsWith("截至9月1日，13件主办件中已办结1件，办理类别为“A”类，办结率7.7%。已办结的1件均通过政府门户网站进行了公开，主动接受社会监督与批评。", opening);
    }

    private static SummaryData Data(Dictionary<WorkMeetingKind, int> meetings, params KeyItem[] keys) =>
        new(Figures(lead: 3, closed: 0, published: 0) with { Meetings = meetings }, keys, [new TopicItems("数字经济", 1, 2)]);

    [Fact]
    public void AFieldTheDataLeavesEmptyTakesItsCommaWithIt()
    {
        var text = "专题进行调查研究，{专题会议：召开专题会议研究部署}，切实将工作抓细抓实。{工作会议}，切实强化组织领导。";

        Assert.Equal("专题进行调查研究，切实将工作抓细抓实。切实强化组织领导。", SummarySentences.Write(text, Data([])));
        Assert.Equal("专题进行调查研究，召开专题会议3次研究部署，切实将工作抓细抓实。共召开职工会动员推进1次，切实强化组织领导。",
            SummarySentences.Write(text, Data(new() { [WorkMeetingKind.Special] = 3, [WorkMeetingKind.StaffMobilization] = 1 })));
    }

    [Fact]
    public void AFieldSavedWithAHalfWidthColonStillReads()
    {
        // Fields are written {专题会议：…} as Chinese prose is typed; prose saved with the earlier "{专题会议:…}" still works.
        var data = Data(new() { [WorkMeetingKind.Special] = 1 });

        Assert.Equal(SummarySentences.Write("研究，{专题会议：召开专题会议研究部署}。", data), SummarySentences.Write("研究，{专题会议:召开专题会议研究部署}。", data));
        Assert.Equal("研究，召开专题会议研究部署。", SummarySentences.Write("研究，{专题会议：召开专题会议研究部署}。", data));
    }

    [Fact]
    public void FieldsWriteKeyItemsAndTopicsInTheSeedsWords()
    {
        var data = Data([], new KeyItem("市政协十届一次会议", 199, ProposalKind.Proposal, "关于甲的提案", ["杞发荣", "徐彦"]),
            new KeyItem("市政协十届一次会议", 11, ProposalKind.Proposal, "关于乙的提案", ["李春闻"]));

        Assert.Equal("对李春闻委员提出的第11号《关于乙的提案》和杞发荣委员、徐彦委员提出的第199号《关于甲的提案》，分别制定2个重点提案办理工作方案；针对3件建议提案集中关注的问题",
            SummarySentences.Write("对{重点提案提出人}，分别制定{重点提案个数}办理工作方案；针对{主题件数：数字经济}集中关注的问题", data));
    }

    [Fact]
    public void AnUnknownFieldAndAContradictedTypedSentenceAreBothNamed()
    {
        var prose = new SummaryProse("{未知项}。", "共召开局领导班子会研究5次，切实强化组织领导。", "", "", "", null);

        var found = SummarySentences.Check(prose, Data(new() { [WorkMeetingKind.LeadershipTeam] = 2 }));

        Assert.Equal(2, found.Count);
        Assert.Contains(found, d => d.Found == "{未知项}" && d.Recomputed is null && d.Section == "开头段之后");
        Assert.Contains(found, d => d.Found == "共召开局领导班子会研究5次" && d.Recomputed == "共召开局领导班子会研究2次" && d.Field == "{工作会议}");
    }
}
