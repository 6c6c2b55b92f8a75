using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>撤销公开, effective at once; the reason is required.</summary>
public sealed record Unpublish(int ProposalId, int ExpectedVersion, string Reason) : IProposalCommand;

internal sealed class UnpublishHandler(ProposalService proposals) : UseCase<Unpublish>
{
    public override Task<Result> HandleAsync(Unpublish command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.Unpublish(actor, command.Reason, c), cancellationToken);
}
