using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>登记: one item registered by hand, the same registration the import makes for many.</summary>
public sealed record RegisterProposal(ProposalRegistration Registration) : ICommand<Proposal>;

internal sealed class RegisterProposalHandler(ProposalService proposals) : UseCase<RegisterProposal, Proposal>
{
    public override async Task<Result<Proposal>> HandleAsync(RegisterProposal command, Actor actor, CancellationToken cancellationToken = default)
    {
        var (proposal, result) = await proposals.RegisterAsync(command.Registration, actor, cancellationToken);
        return result.IsOk ? Result<Proposal>.Ok(proposal!) : result;
    }
}
