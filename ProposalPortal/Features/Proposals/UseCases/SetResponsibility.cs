using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>落实五定: the responsible leader, section and handler, and a note on quality.</summary>
public sealed record SetResponsibility(int ProposalId, int ExpectedVersion, StaffMember Leader, Section Section, StaffMember Handler, string? QualityNote) : IProposalCommand;

internal sealed class SetResponsibilityHandler(ProposalService proposals) : UseCase<SetResponsibility>
{
    public override Task<Result> HandleAsync(SetResponsibility command, Actor actor, CancellationToken cancellationToken = default) =>
        proposals.ExecuteAsync(command.ProposalId, command.ExpectedVersion, actor,
            (p, c) => p.SetResponsibility(actor, command.Leader, command.Section, command.Handler, command.QualityNote, c), cancellationToken);
}
