using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>签收: the section takes the item on.</summary>
public sealed record Accept(int ProposalId, int ExpectedVersion) : IProposalCommand;

internal sealed class AcceptHandler(ProposalService proposals) : UseCase<Accept>
{
    public override Task<Result> HandleAsync(Accept command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.Accept(actor, c), cancellationToken);
}
