using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>签发退回: back to the section with what to change.</summary>
public sealed record SendBackFromSignOff(int ProposalId, int ExpectedVersion, string Comment) : IProposalCommand;

internal sealed class SendBackFromSignOffHandler(ProposalService proposals) : UseCase<SendBackFromSignOff>
{
    public override Task<Result> HandleAsync(SendBackFromSignOff command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.SendBackFromSignOff(actor, command.Comment, c), cancellationToken);
}
