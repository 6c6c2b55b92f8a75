using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>重新办理 after a 不满意, with the new deadline.</summary>
public sealed record ResumeHandling(int ProposalId, int ExpectedVersion) : IProposalCommand;

internal sealed class ResumeHandlingHandler(ProposalService proposals) : UseCase<ResumeHandling>
{
    public override Task<Result> HandleAsync(ResumeHandling command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.ResumeHandling(actor, c), cancellationToken);
}
