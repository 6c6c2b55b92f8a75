using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Features.Notices;

/// <summary>
/// A 催办 leaves a notice in the handler's bell. Written before the save, into the same context, so the notice commits
/// or fails with the chase itself (and the boards' change names its recipient): no chase without its notice.
/// </summary>
public sealed class ChaseNoticeHandler : IProposalEventSavingHandler
{
    public void Handle(DbContext db, IReadOnlyList<ProposalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var chased in events.OfType<Chased>())
        {
            var proposal = chased.Proposal;
            db.Set<Notice>().Add(new Notice(proposal.Responsibility!.HandlerId, proposal.Id, NoticeKind.Chase,
                $"{chased.ActorName}催办{proposal.Designation}：{chased.Message.Trim()}", chased.At));
        }
    }
}
