using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>送分管副局长审核.</summary>
public sealed record SubmitForReview(int ProposalId, int ExpectedVersion) : IProposalCommand;

internal sealed class SubmitForReviewHandler(ProposalService proposals) : UseCase<SubmitForReview>
{
    public override Task<Result> HandleAsync(SubmitForReview command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.SubmitForReview(actor, c), cancellationToken);
}
