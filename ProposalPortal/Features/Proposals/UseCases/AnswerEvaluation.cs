using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>
/// 征询意见 answered by the proposer through their personal link: the verdict on one reply. The link has been checked
/// (<see cref="Publication.EvaluationService"/>); the actor is the proposer, not a member of staff.
/// </summary>
public sealed record AnswerEvaluation(int ProposalId, int ReplyId, int ProposerId, Satisfaction Satisfaction, string? Comment,
    EvaluationRatings Ratings) : ICommand;

internal sealed class AnswerEvaluationHandler(ProposalService proposals) : UseCase<AnswerEvaluation>
{
    public override Task<Result> HandleAsync(AnswerEvaluation command, Actor actor, CancellationToken cancellationToken = default) =>
        // No version to compare: the proposer may change their answer while the window is open, whatever staff saved since.
        proposals.ExecuteForProposerAsync(command.ProposalId, actor,
            (p, c) => p.CurrentReply?.Id != command.ReplyId
                ? Result.Refused("该链接对应的答复已被新的答复取代")
                : p.RecordEvaluation(actor, command.Satisfaction, command.Comment, false, c, command.ProposerId, command.Ratings),
            cancellationToken);
}
