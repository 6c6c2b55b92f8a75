using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Features.Publication;

/// <summary>What a visitor asked the public list for; every part is optional.</summary>
public sealed record PublicFilter(int? Year = null, string? Source = null, string? Topic = null, ResultCategory? Category = null,
    string? Keyword = null, int Page = 1);

/// <summary>One line of the public list.</summary>
public sealed record PublicListItem(int ReplyId, string Title, string Designation, string SourceName, ResultCategory? Category,
    DateOnly? IssuedOn, string? DocumentNumber);

/// <summary>A page of the public list with what the filters offer.</summary>
public sealed record PublicListPage(IReadOnlyList<PublicListItem> Items, int Total, int Page, int PageSize, PublicFilter Filter,
    IReadOnlyList<int> Years, IReadOnlyList<string> Topics)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A published reply as the public sees it: the full text, or only the public summary.</summary>
public sealed record PublicReply(int ReplyId, string Title, string Designation, string SourceName, IReadOnlyList<string> Topics,
    ResultCategory? Category, string? DocumentNumber, DateOnly? IssuedOn, DateTimeOffset PublishedAt, string Text, bool IsSummary,
    bool HasSignedLetter = false);

/// <summary>
/// The public face of the bureau's replies. Every query starts from <see cref="PublishedLetters"/> and projects only
/// the public fields: proposers' phones and units, drafts, internal comments and the audit trail are never read here.
/// </summary>
public sealed class PublicationService(IDbContextFactory<PortalDbContext> dbFactory, PublicSearchIndex index, IOptions<PublicOptions> options)
{
    /// <summary>The names of the sources the list filters by: 州人大, 州政协, 市人大, 市政协.</summary>
    public static IReadOnlyList<string> Sources { get; } =
        (from level in Enum.GetValues<Level>() from kind in Enum.GetValues<ProposalKind>() select Labels.SourceName(level, kind)).ToList();

    /// <summary>Reply letters that are published now, with their item.</summary>
    internal static IQueryable<PublishedLetter> PublishedLetters(PortalDbContext db) =>
        from p in db.Proposals
        from r in p.Replies
        where r.Kind == ReplyKind.Letter && r.PublishedAt != null
        select new PublishedLetter { Proposal = p, Reply = r };

    public async Task<PublicListPage> ListAsync(PublicFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var signature = await PublicSearchIndex.SignatureAsync(db, cancellationToken);
        var query = PublishedLetters(db);
        if (filter.Year is { } year)
        {
            query = query.Where(x => x.Proposal.Year == year);
        }

        if (SourceParts(filter.Source) is { } source)
        {
            query = query.Where(x => x.Proposal.Level == source.Level && x.Proposal.Kind == source.Kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Topic))
        {
            var topic = filter.Topic.Trim();
            query = query.Where(x => x.Proposal.Topics.Any(t => t.Name == topic));
        }

        if (filter.Category is { } category)
        {
            query = query.Where(x => x.Reply.Category == category);
        }

        if (PublicSearchIndex.Matching(db, filter.Keyword) is { } ids)
        {
            await index.SyncAsync(db, signature, cancellationToken);
            query = query.Where(x => ids.Contains(x.Reply.Id));
        }

        var size = Math.Max(1, options.Value.PageSize);
        var total = await query.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + size - 1) / size));
        // Newest reply first, by the letter's date (what a visitor reads on each row), not by when it was put online:
        // a batch published in one afternoon would otherwise come out in whatever order the Office clicked.
        var rows = await query
            .OrderByDescending(x => x.Reply.IssuedOn).ThenByDescending(x => x.Reply.PublishedAt).ThenByDescending(x => x.Reply.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(x => new
            {
                x.Reply.Id, x.Proposal.Title, x.Proposal.Session, x.Proposal.Number, x.Proposal.Kind, x.Proposal.Level,
                x.Reply.Category, x.Reply.IssuedOn, x.Reply.DocumentNumber,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new PublicListItem(r.Id, r.Title, Proposal.DesignationOf(r.Session, r.Number, r.Kind),
            Labels.SourceName(r.Level, r.Kind), r.Category, r.IssuedOn, r.DocumentNumber)).ToList();

        var (years, topics) = await index.FacetsAsync(db, signature, cancellationToken);
        return new PublicListPage(items, total, page, size, filter with { Page = page }, years, topics);
    }

    /// <summary>A published reply letter; null when it does not exist or is not published (the caller answers 404).</summary>
    public async Task<PublicReply?> FindAsync(int replyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await PublishedLetters(db).Where(x => x.Reply.Id == replyId)
            .Select(x => new
            {
                x.Reply.Id, x.Proposal.Title, x.Proposal.Session, x.Proposal.Number, x.Proposal.Kind, x.Proposal.Level,
                Topics = x.Proposal.Topics.Select(t => t.Name).ToList(),
                x.Reply.Category, x.Reply.DocumentNumber, x.Reply.IssuedOn, PublishedAt = x.Reply.PublishedAt!.Value,
                x.Reply.Disclosure, x.Reply.Body, x.Reply.PublicSummary,
                HasLetter = db.ReplyDocuments.Any(d => d.ReplyId == x.Reply.Id),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var summary = row.Disclosure == Disclosure.PublishSummary;
        return new PublicReply(row.Id, row.Title, Proposal.DesignationOf(row.Session, row.Number, row.Kind), Labels.SourceName(row.Level, row.Kind),
            row.Topics, row.Category, row.DocumentNumber, row.IssuedOn, row.PublishedAt, summary ? row.PublicSummary ?? string.Empty : row.Body,
            summary, HasSignedLetter: !summary && row.HasLetter);
    }

    /// <summary>The newest publications for the Atom feed.</summary>
    public async Task<IReadOnlyList<PublicReply>> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await PublishedLetters(db).OrderByDescending(x => x.Reply.PublishedAt).ThenByDescending(x => x.Reply.Id)
            .Take(Math.Max(1, options.Value.FeedEntries)).Select(x => x.Reply.Id).ToListAsync(cancellationToken);
        var replies = new List<PublicReply>(ids.Count);
        foreach (var id in ids)
        {
            if (await FindAsync(id, cancellationToken) is { } reply)
            {
                replies.Add(reply);
            }
        }

        return replies;
    }

    private static (Level Level, ProposalKind Kind)? SourceParts(string? source)
    {
        foreach (var level in Enum.GetValues<Level>())
        {
            foreach (var kind in Enum.GetValues<ProposalKind>())
            {
                if (Labels.SourceName(level, kind) == source)
                {
                    return (level, kind);
                }
            }
        }

        return null;
    }
}

/// <summary>A published letter and its item, for composing queries.</summary>
internal sealed class PublishedLetter
{
    public required Proposal Proposal { get; init; }
    public required Reply Reply { get; init; }
}
