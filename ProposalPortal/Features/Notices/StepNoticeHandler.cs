using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Features.Notices;

/// <summary>
/// Leaves the notices a step owes (<see cref="StepNotices"/>) in the bells of the handler, the deputy in charge and
/// the director. Written before the save, into the step's own transaction, as the 催办 notice is: no step stands
/// without its notices, and a step that fails leaves none. The channels (email, group robot) are the outbox worker's,
/// after the commit.
/// </summary>
public sealed class StepNoticeHandler : IProposalEventSavingHandler
{
    public void Handle(DbContext db, IReadOnlyList<ProposalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        // One save may hold two steps that owe the same notice (五定 that starts handling in the same save records both
        // 五定 and 开始办理): a person hears of it once.
        var written = new HashSet<(Proposal Proposal, int Recipient, NoticeKind Kind)>();
        foreach (var step in events)
        {
            var owed = StepNotices.For(step);
            var proposal = step.Proposal;
            // A notice names its item by id, which an item saved for the first time gets only in this save. No new item
            // owes one: an import that brings 五定 leaves the item 已登记, and the 交办 notice goes with its 签收.
            if (owed.Count == 0 || db.Entry(proposal).State == EntityState.Added)
            {
                continue;
            }

            foreach (var notice in owed)
            {
                foreach (var recipient in RecipientsOf(db, proposal, notice.Audience).Where(r => written.Add((proposal, r, notice.Kind))))
                {
                    db.Set<Notice>().Add(new Notice(recipient, proposal.Id, notice.Kind, Fit(notice.Text), step.At));
                }
            }
        }
    }

    // The people behind an audience, read in the step's own context (the save has not begun). Only active people.
    private static IEnumerable<int> RecipientsOf(DbContext db, Proposal proposal, NoticeAudience audience)
    {
        var staff = db.Set<StaffMember>().AsNoTracking();
        switch (audience)
        {
            case NoticeAudience.Handler:
                return [proposal.Responsibility!.HandlerId];
            case NoticeAudience.DeputyInCharge:
                var sectionId = proposal.Responsibility!.SectionId;
                var deputy = db.Set<Section>().AsNoTracking().Where(s => s.Id == sectionId).Select(s => s.DeputyDirectorId).FirstOrDefault();
                return deputy is { } id && staff.Any(s => s.Id == id && s.IsActive) ? [id] : [];
            default:
                // The director signs off; so may the delegate the Admin named, for an item that is not key.
                var signers = staff.Where(s => s.IsActive && ((s.Roles & StaffRoles.Director) == StaffRoles.Director
                    || (s.IsSignOffDelegate && !proposal.IsKey)));
                return [.. signers.Select(s => s.Id)];
        }
    }

    // The notice column holds 1000 characters; a long title and comment are cut, the item link still leads to all of it.
    private static string Fit(string text) => text.Length <= 1000 ? text : text[..999] + "…";
}
