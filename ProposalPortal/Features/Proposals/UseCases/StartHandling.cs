using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>开始办理 once the 五定 stand.</summary>
public sealed record StartHandling(int ProposalId, int ExpectedVersion) : IProposalCommand;

internal sealed class StartHandlingHandler(ProposalService proposals) : UseCase<StartHandling>
{
    public override Task<Result> HandleAsync(StartHandling command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.StartHandling(actor, c), cancellationToken);
}
