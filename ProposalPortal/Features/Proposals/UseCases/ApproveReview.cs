using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>审核通过, on to the director for sign-off.</summary>
public sealed record ApproveReview(int ProposalId, int ExpectedVersion, string? Comment) : IProposalCommand;

internal sealed class ApproveReviewHandler(ProposalService proposals) : UseCase<ApproveReview>
{
    public override Task<Result> HandleAsync(ApproveReview command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.ApproveReview(actor, command.Comment, c), cancellationToken);
}
