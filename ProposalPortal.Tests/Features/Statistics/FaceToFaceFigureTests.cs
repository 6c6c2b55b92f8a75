using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Statistics;

/// <summary>The 见面率 counts a 座谈会 with the proposer as 面商, as the item page and the key-item guard do.</summary>
public class FaceToFaceFigureTests
{
    [Fact]
    public async Task A座谈会CountsTowardsThe见面率AndAPhoneCallDoesNot()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var assignedOn = portal.Clock.Today.AddDays(-10);
        var met = await scenario.StartedItemAsync(1, assignedOn);
        var called = await scenario.StartedItemAsync(2, assignedOn);
        var handler = scenario.Handler;
        await scenario.StepAsync(met, handler, (p, c) => p.LogCommunication(handler, CommunicationStage.During,
            CommunicationMethod.Meeting, c.Today, "提案人甲", "座谈会", c));
        await scenario.StepAsync(called, handler, (p, c) => p.LogCommunication(handler, CommunicationStage.During,
            CommunicationMethod.Phone, c.Today, "提案人甲", "电话", c));

        var figures = await portal.Scoped<StatisticsService>().GetYearFiguresAsync(assignedOn.Year);

        Assert.Equal(new Rate(1, 2), figures.FaceToFaceRate);
    }
}
