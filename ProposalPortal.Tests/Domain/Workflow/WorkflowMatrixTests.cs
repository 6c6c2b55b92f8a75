using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Tests.TestSupport;
using static ProposalPortal.Domain.Workflow.WorkflowStep;

namespace ProposalPortal.Tests.Domain.Workflow;

/// <summary>
/// Who may do what in each state of a lead item (non-key, proposer already contacted): the full matrix of DOMAIN.md's
/// roles. Anything not listed for a role in a state is refused.
/// </summary>
public sealed class WorkflowMatrixTests
{
    private static readonly Dictionary<ProposalState, Dictionary<string, WorkflowStep[]>> Expected = new()
    {
        [ProposalState.Registered] = new() { ["办公室"] = [Accept, SetResponsibility, ExtendDeadline, AddAttachment, JoinGroup, CorrectRegistration] },
        [ProposalState.Accepted] = new() { ["办公室"] = [RequestReturn, SetResponsibility, ExtendDeadline, AddAttachment, JoinGroup, CorrectRegistration] },
        [ProposalState.ReturnRequested] = new() { ["办公室"] = [ApproveReturn, RejectReturn, AddAttachment, CorrectRegistration] },
        [ProposalState.Returned] = new(),
        [ProposalState.InProgress] = new()
        {
            ["局长"] = [Chase],
            ["分管副局长"] = [Chase],
            ["其他副局长"] = [Chase],
            ["办公室"] = [SetResponsibility, ExtendDeadline, LogCommunication, AddCommitment, UpdateCommitment, AddAttachment, Chase, JoinGroup, CorrectRegistration],
            ["承办科室"] = [LogCommunication, SaveDraft, AddCommitment, UpdateCommitment, AddAttachment],
        },
        [ProposalState.Drafted] = new()
        {
            ["局长"] = [Chase],
            ["分管副局长"] = [Chase],
            ["其他副局长"] = [Chase],
            ["办公室"] = [SetResponsibility, ExtendDeadline, LogCommunication, AddCommitment, UpdateCommitment, AddAttachment, Chase, JoinGroup, CorrectRegistration],
            ["承办科室"] = [LogCommunication, SaveDraft, SubmitForReview, AddCommitment, UpdateCommitment, AddAttachment],
        },
        [ProposalState.UnderReview] = new()
        {
            ["办公室"] = [SetResponsibility, ExtendDeadline, LogCommunication, AddCommitment, UpdateCommitment, AddAttachment, JoinGroup, CorrectRegistration],
            ["承办科室"] = [LogCommunication, AddCommitment, UpdateCommitment, AddAttachment],
            ["分管副局长"] = [ApproveReview, SendBackFromReview],
        },
        [ProposalState.AwaitingSignOff] = new()
        {
            ["办公室"] = [SetResponsibility, ExtendDeadline, LogCommunication, AddCommitment, UpdateCommitment, AddAttachment, JoinGroup, CorrectRegistration],
            ["承办科室"] = [LogCommunication, AddCommitment, UpdateCommitment, AddAttachment],
            ["局长"] = [SignOff, SendBackFromSignOff],
        },
        [ProposalState.Replied] = new()
        {
            ["办公室"] = [LogCommunication, RecordEvaluation, Publish, AddCommitment, UpdateCommitment, AddAttachment, CorrectRegistration],
            ["承办科室"] = [LogCommunication, AddCommitment, UpdateCommitment, AddAttachment],
        },
        [ProposalState.Evaluated] = new()
        {
            // RecordEvaluation: an answer may be changed (or a co-proposer's added) while the 征询意见 window is open.
            ["办公室"] = [LogCommunication, RecordEvaluation, Close, Publish, AddCommitment, UpdateCommitment, AddAttachment, CorrectRegistration],
            ["承办科室"] = [LogCommunication, AddCommitment, UpdateCommitment, AddAttachment],
        },
        [ProposalState.Reopened] = new()
        {
            ["局长"] = [Chase],
            ["分管副局长"] = [Chase],
            ["其他副局长"] = [Chase],
            ["办公室"] = [SetResponsibility, ExtendDeadline, LogCommunication, ResumeHandling, AddCommitment, UpdateCommitment, AddAttachment, Chase, JoinGroup, CorrectRegistration],
            ["承办科室"] = [LogCommunication, ResumeHandling, AddCommitment, UpdateCommitment, AddAttachment],
        },
        [ProposalState.Closed] = new()
        {
            ["办公室"] = [Publish, UpdateCommitment, AddAttachment, CorrectRegistration],
            ["承办科室"] = [UpdateCommitment, AddAttachment],
        },
    };

    public static TheoryData<ProposalState, string> Cases()
    {
        var data = new TheoryData<ProposalState, string>();
        foreach (var state in Expected.Keys)
        {
            foreach (var (name, _) in Staff.Everyone)
            {
                data.Add(state, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OffersEachRoleExactlyTheStepsDomainMdAllows(ProposalState state, string role)
    {
        var proposal = ProposalBuilder.Lead().In(state);
        var actor = Staff.Everyone.Single(e => e.Name == role).Actor;

        var offered = ProposalWorkflow.AvailableSteps(proposal, actor, ProposalBuilder.Day(3));

        var expected = Expected[state].GetValueOrDefault(role, []);
        Assert.Equal(expected.Order(), offered.Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryRefusalSaysWhyInChinese(ProposalState state, string role)
    {
        var proposal = ProposalBuilder.Lead().In(state);
        var actor = Staff.Everyone.Single(e => e.Name == role).Actor;
        var context = ProposalBuilder.Day(3);

        foreach (var step in Enum.GetValues<WorkflowStep>().Except(ProposalWorkflow.AvailableSteps(proposal, actor, context)))
        {
            var why = ProposalWorkflow.WhyNot(proposal, step, actor, context);
            Assert.False(string.IsNullOrWhiteSpace(why));
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", why);
        }
    }

    [Fact]
    public void AssistingItemsGoAcceptedInProgressOpinionSentClosed()
    {
        var proposal = ProposalBuilder.Assisting().In(ProposalState.Closed);

        var path = proposal.AuditTrail.Where(a => a.ToState is not null).Select(a => a.ToState!.Value).ToList();
        Assert.Equal([ProposalState.Registered, ProposalState.Accepted, ProposalState.InProgress, ProposalState.OpinionSent, ProposalState.Closed], path);
        Assert.Equal(ReplyKind.Opinion, proposal.Replies.Single().Kind);
    }

    [Fact]
    public void AssistingItemsHaveNoReplyDraftOrReview()
    {
        var proposal = ProposalBuilder.Assisting().In(ProposalState.InProgress);

        var offered = ProposalWorkflow.AvailableSteps(proposal, Staff.Section, ProposalBuilder.Day(3));

        Assert.Contains(SendOpinion, offered);
        Assert.DoesNotContain(SaveDraft, offered);
        Assert.Equal("协办件没有「送审」这一步", ProposalWorkflow.WhyNot(proposal, SubmitForReview, Staff.Section, ProposalBuilder.Day(3)));
    }
}
