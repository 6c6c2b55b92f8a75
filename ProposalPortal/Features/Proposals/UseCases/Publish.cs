using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>公开答复 on the government portal.</summary>
public sealed record Publish(int ProposalId, int ExpectedVersion) : IProposalCommand;

internal sealed class PublishHandler(ProposalService proposals) : UseCase<Publish>
{
    public override Task<Result> HandleAsync(Publish command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.Publish(actor, c), cancellationToken);
}
