using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>签发: the director signs; the letter gets the year's next document number and is issued, signed.</summary>
public sealed record SignOff(int ProposalId, int ExpectedVersion) : IProposalCommand;

internal sealed class SignOffHandler(ProposalService proposals) : UseCase<SignOff>
{
    // The number allocation, the letter and its signature belong to the same save: the engine's own sign-off.
    public override Task<Result> HandleAsync(SignOff command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.SignOffAsync(command.ProposalId, command.ExpectedVersion, actor, cancellationToken);
}
