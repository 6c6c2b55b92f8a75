using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>退回未获同意: back to 已签收.</summary>
public sealed record RejectReturn(int ProposalId, int ExpectedVersion, string? Comment) : IProposalCommand;

internal sealed class RejectReturnHandler(ProposalService proposals) : UseCase<RejectReturn>
{
    public override Task<Result> HandleAsync(RejectReturn command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.RejectReturn(actor, command.Comment, c), cancellationToken);
}
