using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>征询意见 entered by staff: a proposer's verdict, from a paper form or the phone.</summary>
public sealed record RecordEvaluation(int ProposalId, int ExpectedVersion, Satisfaction Satisfaction, string? Comment, bool EnteredByStaff, int? ProposerId, EvaluationRatings? Ratings, int? FormAttachmentId) : IProposalCommand;

internal sealed class RecordEvaluationHandler(ProposalService proposals) : UseCase<RecordEvaluation>
{
    public override Task<Result> HandleAsync(RecordEvaluation command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.RecordEvaluation(actor, command.Satisfaction, command.Comment, command.EnteredByStaff, c, command.ProposerId, command.Ratings, command.FormAttachmentId), cancellationToken);
}
