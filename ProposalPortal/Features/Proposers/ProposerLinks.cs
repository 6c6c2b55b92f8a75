using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Proposers;

namespace ProposalPortal.Features.Proposers;

/// <summary>Links the proposers of newly registered items to their 代表委员库 entries, by name within the body.</summary>
public static class ProposerLinks
{
    /// <summary>
    /// Sets each proposer line's <see cref="Proposer.RegistryId"/> where <see cref="ProposerNames.Match"/> finds exactly
    /// one entry; one query for all the items, however many an import brings. Creates nothing: adding a name to the
    /// registry is a choice the user makes on the form or the import page.
    /// </summary>
    public static async Task LinkAsync(PortalDbContext db, IReadOnlyList<Proposal> proposals, CancellationToken cancellationToken)
    {
        var names = proposals.SelectMany(p => p.Proposers).Select(p => ProposerNames.Normalize(p.Name)).Distinct().ToList();
        if (names.Count == 0)
        {
            return;
        }

        var entries = (await db.RegisteredProposers.AsNoTracking().Where(e => names.Contains(e.Name))
            .Select(e => new { e.Id, e.Name, e.Body }).ToListAsync(cancellationToken))
            .Select(e => (e.Id, e.Name, e.Body)).ToList();
        foreach (var proposal in proposals)
        {
            var body = ProposerNames.BodyOf(proposal.Kind);
            foreach (var line in proposal.Proposers)
            {
                line.LinkToRegistry(ProposerNames.Match(line.Name, body, entries));
            }
        }
    }
}
