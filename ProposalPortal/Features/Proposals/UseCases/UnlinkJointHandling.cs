using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>取消并案: the item leaves its group and keeps its reply draft as it stands.</summary>
public sealed record UnlinkJointHandling(int ProposalId) : ICommand;

internal sealed class UnlinkJointHandlingHandler(JointHandlingService joint) : UseCase<UnlinkJointHandling>
{
    public override Task<Result> HandleAsync(UnlinkJointHandling command, Actor actor, CancellationToken cancellationToken = default) =>
        joint.UnlinkAsync(command.ProposalId, actor, cancellationToken);
}
