using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>同意退回: the city government agreed, the item leaves the bureau.</summary>
public sealed record ApproveReturn(int ProposalId, int ExpectedVersion, string? Comment) : IProposalCommand;

internal sealed class ApproveReturnHandler(ProposalService proposals) : UseCase<ApproveReturn>
{
    public override Task<Result> HandleAsync(ApproveReturn command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.ApproveReturn(actor, command.Comment, c), cancellationToken);
}
