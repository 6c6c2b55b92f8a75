using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>并案办理: the items handled as one group, sharing one reply draft (the first is the item the Office started from).</summary>
public sealed record LinkJointHandling(IReadOnlyList<int> ProposalIds) : ICommand;

internal sealed class LinkJointHandlingHandler(JointHandlingService joint) : UseCase<LinkJointHandling>
{
    public override Task<Result> HandleAsync(LinkJointHandling command, Actor actor, CancellationToken cancellationToken = default) =>
        joint.LinkAsync(command.ProposalIds, actor, cancellationToken);
}
