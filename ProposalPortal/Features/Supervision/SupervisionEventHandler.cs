using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// Tells the boards (<see cref="ISupervisionNotifier"/>) of each item a committed save changed: one change per item,
/// named after the last thing done, for the sections before and after. Registrations and 并案办理 are announced by their
/// services as one change for the whole batch, so they are left out here.
/// </summary>
public sealed class SupervisionEventHandler(ISupervisionNotifier notifier) : IProposalEventHandler
{
    public async Task HandleAsync(CommittedEvents committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(committed);
        foreach (var events in committed.Events
                     .Where(e => e.Action is not (AuditAction.Register or AuditAction.JoinGroup))
                     .GroupBy(e => e.Proposal))
        {
            var last = events.Last();
            var kind = last is Chased ? SupervisionChangeKind.Chase : SupervisionChangeKind.Step;
            var sections = events.SelectMany(e => e.Sections).Distinct().ToList();
            // A board must hear of a change even if the caller has stopped waiting for it.
            await notifier.PublishAsync(new SupervisionChange(kind, [last.Proposal.Id], sections, last.At,
                $"{last.ActorName}{last.Action.ToChinese()}：{last.Proposal.Designation}", committed.NoticeRecipientIds), CancellationToken.None);
        }
    }
}
