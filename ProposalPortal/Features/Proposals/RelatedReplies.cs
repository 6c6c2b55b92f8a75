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
        // SQLite has no statistics to choose between the two ways to the newest few (see Search): it is told how many
        // topic rows there are, up to the point where it no longer matters. PostgreSQL plans the search itself.
        int? topicRows = db.IsPostgreSql() ? null
            : await db.Set<ProposalTopic>().Where(t => topics.Contains(t.Name)).Take(SortTopicRowsUpTo + 1).CountAsync(cancellationToken);

        // The search (every item of these topics with a signed letter, newest first) once, for the ids; then those few
        // items with what is shown of them, by key. As one split query with its includes, the search ran again for each
        // collection: four times on every load of an item page (BENCHMARKS.md, issue 17 session 7, many users).
        var ids = await Search(db, proposal.Id, topics, viewer, max, topicRows).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // At most `max` items, each with a topic or two, a letter or two and few promises: one query, no cartesian harm;
        // only the columns shown (not the items' and letters' texts, nor ~70 columns materialized as whole entities).
        var loaded = (await db.Proposals.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.Year, p.Session, p.Number, p.Kind, p.Title,
                Topics = p.Topics.Select(t => t.Name).ToList(),
                Letters = p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.SignedAt != null)
                    .Select(r => new { r.Round, r.DocumentNumber, r.IssuedOn, r.Category }).ToList(),
                Commitments = p.Commitments.Select(c => new { c.Description, c.DueOn, c.Status }).ToList(),
            })
            .AsSingleQuery()
            .ToListAsync(cancellationToken)).ToDictionary(p => p.Id);

        var today = clock.Today;
        return ids.Select(id =>
        {
            var p = loaded[id];
            var letter = p.Letters.MaxBy(r => r.Round)!;
            return new RelatedReply(p.Id, p.Year, Proposal.DesignationOf(p.Session, p.Number, p.Kind), p.Title, letter.DocumentNumber,
                letter.IssuedOn, letter.Category, p.Topics.Intersect(topics).ToList(),
                p.Commitments.Select(c => new RelatedCommitment(c.Description, c.DueOn, c.Status, Commitment.IsLate(c.Status, c.DueOn, today))).ToList());
        }).ToList();
    }

    /// <summary>The index the search walks newest first (migration RelatedRepliesIndex): its exact ORDER BY, then the section.</summary>
    internal const string Index = "IX_Proposals_Related";

    /// <summary>
    /// Topic rows up to which SQLite starts from them and sorts what it finds (at most this many items looked up by id:
    /// ~2 ms on the benchmark database under load); above, it walks <see cref="Index"/> newest first and stops at the last
    /// reply shown: with one item in fifty on the topics, spread over the years, that is ~600 entries (~0.2 ms), with one
    /// in ten, as the benchmark's topics, ~100. The walk is long only when more than this many items share the topics and
    /// nearly all are older than the rest: at worst the whole index (100,000 entries, ~25 ms under load). BENCHMARKS.md,
    /// issue 17 session 8.
    /// </summary>
    internal const int SortTopicRowsUpTo = 2_000;

    /// <summary>
    /// The ids of the related replies <paramref name="viewer"/> may read, newest first (Year, RepliedOn, id). On SQLite,
    /// <paramref name="topicRows"/> (capped at <see cref="SortTopicRowsUpTo"/> + 1) picks the way: over many topic rows,
    /// <see cref="Index"/> walked in its order, each entry tested by seeks (its topic, its signed letter; for section
    /// staff the section, in the index, or that letter being published), stopping after <paramref name="max"/>; over few,
    /// the topic rows' items looked up by id, tested and sorted. Without statistics SQLite sorted every item of the year
    /// (the whole table for section staff) before taking ten: 277 ms a call. Null on PostgreSQL: the plain query.
    /// </summary>
    internal static IQueryable<int> Search(PortalDbContext db, int proposalId, IReadOnlyList<string> topics, Actor viewer, int max, int? topicRows)
    {
        var items = db.Proposals.AsNoTracking().Where(p => p.Id != proposalId);
        if (topicRows <= SortTopicRowsUpTo)
        {
            var topical = db.Set<ProposalTopic>().Where(t => topics.Contains(t.Name)).Select(t => EF.Property<int?>(t, "ProposalId"));
            items = items.Where(p => topical.Contains(p.Id));
        }
        else
        {
            items = items.Where(p => p.Topics.Any(t => topics.Contains(t.Name)));
        }

        items = items.Where(p => p.Replies.Any(r => r.Kind == ReplyKind.Letter && r.SignedAt != null));
        if (!viewer.SeesEverything)
        {
            // The section's column alone, which the index holds (NULL when no section is responsible: no match), not EF's
            // test of the whole responsibility, which reads the row for its leader and handler: a responsibility is
            // always whole, so both select the same items.
            var own = viewer.SectionId ?? -1;
            items = items.Where(p => p.Responsibility!.SectionId == own
                || p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.SignedAt != null)
                    .OrderByDescending(r => r.Round).Select(r => r.PublishedAt != null).FirstOrDefault());
        }

        if (topicRows > SortTopicRowsUpTo)
        {
            items = items.Through(Index);
        }

        return items.OrderByDescending(p => p.Year).ThenByDescending(p => p.RepliedOn).ThenBy(p => p.Id)
            .Take(max)
            .Select(p => p.Id);
    }
}
