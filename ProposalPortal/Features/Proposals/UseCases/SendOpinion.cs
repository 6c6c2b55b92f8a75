using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>会办意见 from a co-handling section.</summary>
public sealed record SendOpinion(int ProposalId, int ExpectedVersion, string Opinion) : IProposalCommand;

internal sealed class SendOpinionHandler(ProposalService proposals) : UseCase<SendOpinion>
{
    public override Task<Result> HandleAsync(SendOpinion command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.SendOpinion(actor, command.Opinion, c), cancellationToken);
}
