using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>审核退回: back to the section with what to change.</summary>
public sealed record SendBackFromReview(int ProposalId, int ExpectedVersion, string Comment) : IProposalCommand;

internal sealed class SendBackFromReviewHandler(ProposalService proposals) : UseCase<SendBackFromReview>
{
    public override Task<Result> HandleAsync(SendBackFromReview command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.SendBackFromReview(actor, command.Comment, c), cancellationToken);
}
