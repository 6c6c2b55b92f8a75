using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>延期: a new 办理时限 within the cap, with the reason.</summary>
public sealed record ExtendDeadline(int ProposalId, int ExpectedVersion, DateOnly NewDeadline, string Reason) : IProposalCommand;

internal sealed class ExtendDeadlineHandler(ProposalService proposals) : UseCase<ExtendDeadline>
{
    public override Task<Result> HandleAsync(ExtendDeadline command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.ExtendDeadline(actor, command.NewDeadline, command.Reason, c), cancellationToken);
}
