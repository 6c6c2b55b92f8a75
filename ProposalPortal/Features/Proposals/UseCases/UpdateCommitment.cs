using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>更新落实事项: its status, progress and evidence.</summary>
public sealed record UpdateCommitment(int ProposalId, int ExpectedVersion, int CommitmentId, CommitmentStatus Status, string? Progress, string? Evidence) : IProposalCommand;

internal sealed class UpdateCommitmentHandler(ProposalService proposals) : UseCase<UpdateCommitment>
{
    public override Task<Result> HandleAsync(UpdateCommitment command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.UpdateCommitment(actor, command.CommitmentId, command.Status, command.Progress, command.Evidence, c), cancellationToken);
}
