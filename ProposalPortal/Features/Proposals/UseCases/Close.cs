using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>办结.</summary>
public sealed record Close(int ProposalId, int ExpectedVersion, string? Comment) : IProposalCommand;

internal sealed class CloseHandler(ProposalService proposals) : UseCase<Close>
{
    public override Task<Result> HandleAsync(Close command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.Close(actor, command.Comment, c), cancellationToken);
}
