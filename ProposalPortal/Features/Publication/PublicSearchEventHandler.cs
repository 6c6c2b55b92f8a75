using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Features.Publication;

/// <summary>
/// Brings the public search index in line once a 公开, a 撤回公开 or a 更正登记 (the title) has committed, so the next visitor's search does not
/// pay for it. Runs after the commit, in its own context: if it fails, the publication stands and the dispatcher logs
/// the failure; the index then still differs from the published set's signature, and the lazy sync before the next
/// search (<see cref="PublicationService"/>) repairs it.
/// </summary>
public sealed class PublicSearchEventHandler(IServiceProvider services) : IProposalEventHandler
{
    public async Task HandleAsync(CommittedEvents committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(committed);
        // A corrected title changes what a published letter is found by, although the published set stays the same.
        var corrected = committed.Events.Where(e => e.Action == AuditAction.CorrectRegistration).Select(e => e.Proposal.Id).Distinct().ToList();
        if (corrected.Count == 0 && !committed.Events.Any(e => e.Action is AuditAction.Publish or AuditAction.Unpublish))
        {
            return;
        }

        // Resolved here, not injected: the context factory's options hold the dispatcher that holds this handler.
        var dbFactory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var index = services.GetRequiredService<PublicSearchIndex>();
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        // The index must follow even if the caller has stopped waiting.
        if (corrected.Count > 0)
        {
            await index.ReindexAsync(db, corrected, CancellationToken.None);
        }

        await index.SyncAsync(db, await PublicSearchIndex.SignatureAsync(db, CancellationToken.None), CancellationToken.None);
        // The other nodes drop their copies (NodeCacheInvalidation); nothing is sent on a single server.
        await services.GetRequiredService<ProposalPortal.Features.Nodes.INodeBus>()
            .PublishAsync(ProposalPortal.Features.Nodes.NodeCacheInvalidation.PublicSearchTopic, string.Empty);
    }
}
