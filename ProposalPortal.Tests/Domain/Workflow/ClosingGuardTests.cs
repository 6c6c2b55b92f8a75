using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Domain.Workflow;

/// <summary>
/// When a lead item may close after its reply: not before every proposer answered or the evaluation window ended; as
/// 未反馈 when nobody answered; and the item's result from several proposers' answers by the configured rule.
/// </summary>
public sealed class ClosingGuardTests
{
    // 杞发荣 (领衔) and 徐彦, with ids as the database gives them.
    private static Proposal Replied(WorkflowOptions? options = null)
    {
        var builder = ProposalBuilder.Lead();
        if (options is not null)
        {
            builder.WithOptions(options);
        }

        var p = builder.In(ProposalState.Replied);
        Entity.WithId(p.Proposers[0], 101);
        Entity.WithId(p.Proposers[1], 102);
        return p;
    }

    private static DateOnly Issued(Proposal p) => p.CurrentReply!.IssuedOn!.Value;

    private static DateOnly WindowEnd(Proposal p) => Contexts.At(Issued(p)).Deadlines.EvaluationWindowEnd(Issued(p));

    private static void AssertRefused(Proposal p, Result result, string reason)
    {
        Assert.False(result.IsOk);
        Assert.Equal(reason, result.Error);
        Assert.NotEqual(ProposalState.Closed, p.State);
    }

    [Fact]
    public void NobodyAnsweredClosesOnlyOnceTheWindowHasEndedAndThenAs未反馈()
    {
        var p = Replied();
        var end = WindowEnd(p);
        var version = p.Version;

        AssertRefused(p, p.Close(Staff.Office, null, Contexts.At(end)),
            $"提出人尚未反馈评价，征询意见期至{ProposalPortal.Domain.ChineseDate.Format(end)}结束；期满仍未反馈的，方可按“未反馈”办结");
        Assert.Equal(version, p.Version);
        Assert.DoesNotContain(WorkflowStep.Close, ProposalWorkflow.AvailableSteps(p, Staff.Office, Contexts.At(end)));

        Assert.Contains(WorkflowStep.Close, ProposalWorkflow.AvailableSteps(p, Staff.Office, Contexts.At(end.AddDays(1))));
        Assert.True(p.Close(Staff.Office, null, Contexts.At(end.AddDays(1))).IsOk);

        Assert.Equal(ClosureKind.NoFeedback, p.ClosureIn(SatisfactionRule.AnyUnsatisfied));
        Assert.Equal("征询意见期满，提出人未反馈", p.ClosingNote);
        Assert.Empty(p.Evaluations);
    }

    [Fact]
    public void OneProposerAnsweredIsNotEnoughToCloseWhileTheOthersWindowIsOpen()
    {
        var p = Replied();
        var day = Contexts.At(Issued(p).AddDays(3));
        Assert.True(p.RecordEvaluation(Staff.Office, Satisfaction.Satisfied, null, true, day, proposerId: 101).IsOk);

        AssertRefused(p, p.Close(Staff.Office, null, day),
            $"尚有提出人未评价（徐彦），须全部提出人评价或征询意见期（{ProposalPortal.Domain.ChineseDate.Format(WindowEnd(p))}）届满后方可办结");

        // Every proposer answered: it closes at once, 满意 and 基本满意 making 基本满意 under the default rule.
        Assert.True(p.RecordEvaluation(Staff.Office, Satisfaction.BasicallySatisfied, null, true, day, proposerId: 102).IsOk);
        Assert.True(p.Close(Staff.Office, null, day).IsOk);
        Assert.Equal(ClosureKind.Evaluated, p.ClosureIn(SatisfactionRule.AnyUnsatisfied));
        Assert.Equal(Satisfaction.BasicallySatisfied, p.ResultOfRound(1, SatisfactionRule.AnyUnsatisfied));
    }

    [Fact]
    public void WithOneAnswerTheItemClosesOnceTheWindowHasEnded()
    {
        var p = Replied();
        Assert.True(p.RecordEvaluation(Staff.Office, Satisfaction.Satisfied, null, true, Contexts.At(Issued(p).AddDays(3)), proposerId: 101).IsOk);

        Assert.True(p.Close(Staff.Office, null, Contexts.At(WindowEnd(p).AddDays(1))).IsOk);
        Assert.Equal(ClosureKind.Evaluated, p.ClosureIn(SatisfactionRule.AnyUnsatisfied));
    }

    [Theory]
    [InlineData(SatisfactionRule.AnyUnsatisfied, Satisfaction.Satisfied, Satisfaction.Unsatisfied, Satisfaction.Satisfied, Satisfaction.Unsatisfied)]
    [InlineData(SatisfactionRule.AnyUnsatisfied, Satisfaction.Satisfied, Satisfaction.BasicallySatisfied, Satisfaction.Satisfied, Satisfaction.BasicallySatisfied)]
    [InlineData(SatisfactionRule.LeadProposer, Satisfaction.Satisfied, Satisfaction.Unsatisfied, Satisfaction.Unsatisfied, Satisfaction.Satisfied)]
    [InlineData(SatisfactionRule.Majority, Satisfaction.Satisfied, Satisfaction.Unsatisfied, Satisfaction.Satisfied, Satisfaction.Satisfied)]
    [InlineData(SatisfactionRule.Majority, Satisfaction.Satisfied, Satisfaction.Unsatisfied, Satisfaction.Unsatisfied, Satisfaction.Unsatisfied)]
    [InlineData(SatisfactionRule.Majority, Satisfaction.Satisfied, Satisfaction.BasicallySatisfied, null, Satisfaction.BasicallySatisfied)]
    public void SeveralProposersAnswersMakeOneResultByTheRule(SatisfactionRule rule, Satisfaction lead, Satisfaction second, Satisfaction? third, Satisfaction expected)
    {
        var answers = new List<(bool, Satisfaction)> { (true, lead), (false, second) };
        if (third is { } t)
        {
            answers.Add((false, t));
        }

        Assert.Equal(expected, ItemSatisfaction.Of(rule, answers));
    }

    [Fact]
    public void UnderTheLeadProposerRuleACoProposersUnsatisfiedDoesNotReopenTheItem()
    {
        var options = new WorkflowOptions { SatisfactionRule = SatisfactionRule.LeadProposer };
        var p = Replied(options);
        var day = Contexts.At(Issued(p).AddDays(3), options);

        Assert.True(p.RecordEvaluation(Staff.Office, Satisfaction.Unsatisfied, "仍有疑问", true, day, proposerId: 102).IsOk);
        Assert.Equal(ProposalState.Evaluated, p.State);
        Assert.True(p.RecordEvaluation(Staff.Office, Satisfaction.Satisfied, null, true, day, proposerId: 101).IsOk);
        Assert.Equal(ProposalState.Evaluated, p.State);
        Assert.True(p.Close(Staff.Office, null, day).IsOk);
        Assert.Equal(Satisfaction.Satisfied, p.ResultOfRound(1, SatisfactionRule.LeadProposer));

        // By default the same answers reopen the item.
        var q = Replied();
        Assert.True(q.RecordEvaluation(Staff.Office, Satisfaction.Unsatisfied, "仍有疑问", true, Contexts.At(Issued(q).AddDays(3)), proposerId: 102).IsOk);
        Assert.Equal(ProposalState.Reopened, q.State);
    }
}
