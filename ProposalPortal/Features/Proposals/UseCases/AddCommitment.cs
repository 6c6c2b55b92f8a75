using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>新增落实事项 promised in the reply.</summary>
public sealed record AddCommitment(int ProposalId, int ExpectedVersion, string Description, int? OwnerSectionId, string? OwnerName, DateOnly DueOn) : IProposalCommand;

internal sealed class AddCommitmentHandler(ProposalService proposals) : UseCase<AddCommitment>
{
    public override Task<Result> HandleAsync(AddCommitment command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.AddCommitment(actor, command.Description, command.OwnerSectionId, command.OwnerName, command.DueOn, c), cancellationToken);
}
