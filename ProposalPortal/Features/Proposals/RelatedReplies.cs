using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals;

/// <summary>An earlier signed reply on one of the item's topics, with what it promised.</summary>
public sealed record RelatedReply(
    int ProposalId, int Year, string Designation, string Title, string? DocumentNumber, DateOnly? IssuedOn,
    ResultCategory? Category, IReadOnlyList<string> SharedTopics, IReadOnlyList<RelatedCommitment> Commitments);

public sealed record RelatedCommitment(string Description, DateOnly DueOn, CommitmentStatus Status, bool IsLate);

/// <summary>
/// While drafting, the replies the bureau already gave on the same topics (this year and earlier) and the promises
/// they made, so that answers stay consistent and old promises are not forgotten.
/// </summary>
public sealed class RelatedRepliesService(IDbContextFactory<PortalDbContext> dbFactory, Common.PortalClock clock)
{
    /// <summary>
    /// The related replies <paramref name="viewer"/> may read: leaders and the Office see every one; section staff their
    /// own section's and, of other sections, only those published (what anyone may read on the public pages).
    /// </summary>
    public async Task<IReadOnlyList<RelatedReply>> ForAsync(Proposal proposal, Actor viewer, int max = 10, CancellationToken cancellationToken = default)
    {
        var topics = proposal.Topics.Select(t => t.Name).ToList();
        if (topics.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Proposals.AsNoTracking()
            .Where(p => p.Id != proposal.Id && p.Topics.Any(t => topics.Contains(t.Name))
                && p.Replies.Any(r => r.Kind == ReplyKind.Letter && r.SignedAt != null));
        if (!viewer.SeesEverything)
        {
            var own = viewer.SectionId ?? -1;
            query = query.Where(p => (p.Responsibility != null && p.Responsibility.SectionId == own)
                || p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.SignedAt != null)
                    .OrderByDescending(r => r.Round).Select(r => r.PublishedAt != null).FirstOrDefault());
        }

        // The filter (every item of these topics with a signed letter, newest first) once, for the ids; then those few
        // items with what is shown of them, by key. As one split query with its includes, the filter ran again for each
        // collection: four times on every load of an item page (BENCHMARKS.md, issue 17 session 7, many users).
        var ids = await query
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.RepliedOn).ThenBy(p => p.Id)
            .Take(max)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // At most `max` items, each with a topic or two, a letter or two and few promises: one query, no cartesian harm.
        var loaded = (await db.Proposals.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Include(p => p.Topics).Include(p => p.Replies).Include(p => p.Commitments)
            .AsSingleQuery()
            .ToListAsync(cancellationToken)).ToDictionary(p => p.Id);
        var candidates = ids.Select(id => loaded[id]).ToList();

        var today = clock.Today;
        return candidates.Select(p =>
        {
            var reply = p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.IsSigned).MaxBy(r => r.Round)!;
            return new RelatedReply(p.Id, p.Year, p.Designation, p.Title, reply.DocumentNumber, reply.IssuedOn, reply.Category,
                p.Topics.Select(t => t.Name).Intersect(topics).ToList(),
                p.Commitments.Select(c => new RelatedCommitment(c.Description, c.DueOn, c.Status, c.IsLate(today))).ToList());
        }).ToList();
    }
}
