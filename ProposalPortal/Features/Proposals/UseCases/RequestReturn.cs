using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>申请退回, within the return window; the reason is required.</summary>
public sealed record RequestReturn(int ProposalId, int ExpectedVersion, string Reason) : IProposalCommand;

internal sealed class RequestReturnHandler(ProposalService proposals) : UseCase<RequestReturn>
{
    public override Task<Result> HandleAsync(RequestReturn command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.RequestReturn(actor, command.Reason, c), cancellationToken);
}
