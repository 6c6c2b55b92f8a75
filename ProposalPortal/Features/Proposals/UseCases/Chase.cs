using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>催办: a chase recorded on the item, with a notice to its handler (from the Chased event, in the same save).</summary>
public sealed record Chase(int ProposalId, int ExpectedVersion, string Message) : IProposalCommand;

internal sealed class ChaseHandler(ProposalService proposals) : UseCase<Chase>
{
    public override Task<Result> HandleAsync(Chase command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ChaseAsync(command.ProposalId, command.ExpectedVersion, actor, command.Message, cancellationToken);
}
