using Bunit;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Publication;
using ProposalPortal.Features.Publication.Pages;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Publication;

/// <summary>
/// The proposer's evaluation page promises only what the workflow will do: 重新办理 after a 不满意 while rounds remain,
/// and after the last round a written explanation (the Office closes a still 不满意 item with one).
/// </summary>
public sealed class EvaluateViewTests : PortalBunitContext
{
    private static EvaluationPageModel Open(Proposal proposal, WorkflowOptions options) =>
        new(EvaluationLinkStatus.Open, null, "提案人甲", proposal.Title, proposal.Designation, "测试复〔2026〕1号",
            new DateOnly(2026, 6, 1), "答复正文。", new DateOnly(2026, 7, 1), null, proposal.MayStillReopen(options));

    private string HintFor(EvaluationPageModel model) =>
        Render<EvaluateView>(ps => ps.Add(p => p.Model, model).Add(p => p.Token, "t").Add(p => p.Bureau, "楚雄市发展和改革局"))
            .Find("[data-testid=evaluation-unsatisfied-hint]").TextContent.Trim();

    [Fact]
    public void TheFirstReplyPromisesRehandlingAndTheLastRoundPromisesAnExplanation()
    {
        var options = new WorkflowOptions();
        var proposal = ProposalBuilder.Lead().In(ProposalState.Replied);
        Assert.Equal("评价为「不满意」的，我局将重新办理并再次答复。", HintFor(Open(proposal, options)));

        Assert.True(proposal.RecordEvaluation(Staff.Office, Satisfaction.Unsatisfied, "希望明确时间表", true, ProposalBuilder.Day(20)).IsOk);
        Assert.Equal(ProposalState.Reopened, proposal.State);

        // One 重新办理 round is the default: the second reply's page no longer promises another.
        Assert.False(proposal.MayStillReopen(options));
        Assert.Equal("本件已经重新办理并再次答复。评价仍为「不满意」的，我局将向您书面说明有关情况。", HintFor(Open(proposal, options)));
        Assert.True(proposal.MayStillReopen(new WorkflowOptions { MaxReopenRounds = 2 }));
    }
}
