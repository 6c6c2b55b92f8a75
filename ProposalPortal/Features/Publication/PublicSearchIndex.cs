using System.Text;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Features.Publication;

/// <summary>
/// Keyword search over the public titles and texts. SQLite's FTS5 has no Chinese word breaker and its trigram
/// tokenizer cannot match two-character words (光伏), so the text is indexed as overlapping character bigrams
/// ("光伏发电" → "光伏 伏发 发电") and a query is turned into the same bigrams as a phrase. Latin words and numbers stay
/// whole. The index follows publication lazily: before a search, when the set of published letters has changed, rows
/// of replies no longer published are removed and newly published ones added; the result query also requires the reply
/// to be published, so an unpublished reply never shows even for a moment.
/// <para>
/// On PostgreSQL the same bigrams fill a <c>tsvector</c> column with a GIN index (table <c>PublicSearch</c> of the
/// PostgreSQL migrations), written and queried as literals with positions, so no text-search parser or dictionary
/// judges Chinese, and a phrase of bigrams (<c>'光伏' &lt;-&gt; '伏发'</c>) finds the word as FTS5's phrase does.
/// Each provider's SQL is below, side by side; nothing else in the portal knows how search is stored.
/// </para>
/// </summary>
public sealed class PublicSearchIndex
{
    private readonly SemaphoreSlim _sync = new(1, 1);
    private string? _indexedSignature;
    private (string Signature, IReadOnlyList<int> Years, IReadOnlyList<string> Topics)? _facets;

    /// <summary>
    /// A cheap fingerprint of the set of published letters (count, sums of ids, newest publication), read from the
    /// publication index alone: when it has not changed, neither the search index nor the filter lists need work.
    /// </summary>
    public static async Task<string> SignatureAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        // The table name comes from the model, not from input.
        var from = " FROM \"" + db.Model.FindEntityType(typeof(Reply))!.GetTableName() + "\" WHERE \"PublishedAt\" IS NOT NULL AND \"Kind\" = 'Letter'";
        var sql = db.IsPostgreSql()
            ? "SELECT COUNT(*) || ':' || COALESCE(SUM(\"Id\"::bigint), 0) || ':' || COALESCE(SUM(\"Id\"::bigint * \"Id\"), 0) || ':' || COALESCE(MAX(\"PublishedAt\"), 0) AS \"Value\"" + from
            : "SELECT COUNT(*) || ':' || TOTAL(Id) || ':' || TOTAL(Id * Id) || ':' || IFNULL(MAX(PublishedAt), 0) AS Value" + from;
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken)).Single();
    }

    /// <summary>Brings the index in line with what is published now (nothing to do when the signature is unchanged).</summary>
    public async Task SyncAsync(PortalDbContext db, string signature, CancellationToken cancellationToken = default)
    {
        if (_indexedSignature == signature)
        {
            return;
        }

        await _sync.WaitAsync(cancellationToken);
        try
        {
            if (_indexedSignature == signature)
            {
                return;
            }

            // The table name comes from the model, not from input.
            var postgres = db.IsPostgreSql();
            var key = KeyColumn(db);
            var delete = $"DELETE FROM \"PublicSearch\" WHERE {key} NOT IN (SELECT \"Id\" FROM \"" + db.Model.FindEntityType(typeof(Reply))!.GetTableName()
                + "\" WHERE \"PublishedAt\" IS NOT NULL AND \"Kind\" = 'Letter')";
            await db.Database.ExecuteSqlRawAsync(delete, cancellationToken);
            var indexed = postgres
                ? db.Database.SqlQueryRaw<int>("SELECT \"Id\" AS \"Value\" FROM \"PublicSearch\"")
                : db.Database.SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM \"PublicSearch\"");
            var missing = await PublicationService.PublishedLetters(db)
                .Where(x => !indexed.Contains(x.Reply.Id))
                .Select(x => new { x.Reply.Id, x.Proposal.Title, x.Reply.Disclosure, x.Reply.Body, x.Reply.PublicSummary })
                .ToListAsync(cancellationToken);
            foreach (var row in missing)
            {
                var text = row.Title + "\n" + (row.Disclosure == Disclosure.PublishSummary ? row.PublicSummary : row.Body);
                if (postgres)
                {
                    await db.Database.ExecuteSqlRawAsync("INSERT INTO \"PublicSearch\"(\"Id\", \"Terms\") VALUES ({0}, {1}::tsvector)",
                        [row.Id, TsVector(text)], cancellationToken);
                }
                else
                {
                    await db.Database.ExecuteSqlRawAsync("INSERT INTO PublicSearch(rowid, Text) VALUES ({0}, {1})",
                        [row.Id, Tokens(text)], cancellationToken);
                }
            }

            _indexedSignature = signature;
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>
    /// An item's title was corrected (更正登记): its published letters leave the index here and come back with the new
    /// title through the sync that follows, under the same lock as any sync, so no search meets a half-done index.
    /// </summary>
    public async Task ReindexAsync(PortalDbContext db, IReadOnlyCollection<int> proposalIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposalIds);
        var letters = await PublicationService.PublishedLetters(db).Where(x => proposalIds.Contains(x.Proposal.Id))
            .Select(x => x.Reply.Id).ToListAsync(cancellationToken);
        if (letters.Count == 0)
        {
            return;
        }

        await _sync.WaitAsync(cancellationToken);
        try
        {
            var key = KeyColumn(db);
            // The ids are the database's own integers, not input.
            var delete = $"DELETE FROM \"PublicSearch\" WHERE {key} IN ({string.Join(",", letters)})";
            await db.Database.ExecuteSqlRawAsync(delete, cancellationToken);
            _indexedSignature = null;
        }
        finally
        {
            _sync.Release();
        }

        await SyncAsync(db, await SignatureAsync(db, cancellationToken), cancellationToken);
    }

    // The column holding a letter's reply id: PostgreSQL's table has one; SQLite's FTS5 table keeps it as the rowid.
    private static string KeyColumn(PortalDbContext db) => db.IsPostgreSql() ? "\"Id\"" : "rowid";

    /// <summary>
    /// Another node published or withdrew a letter: forget what this node knows of the index and the filter lists, so
    /// the next search checks and the next list reads them afresh.
    /// </summary>
    public void Invalidate()
    {
        _indexedSignature = null;
        _facets = null;
    }

    /// <summary>The years and topics the list's filters offer, kept while the published set is unchanged.</summary>
    public async Task<(IReadOnlyList<int> Years, IReadOnlyList<string> Topics)> FacetsAsync(PortalDbContext db, string signature,
        CancellationToken cancellationToken = default)
    {
        if (_facets is { } cached && cached.Signature == signature)
        {
            return (cached.Years, cached.Topics);
        }

        var years = await PublicationService.PublishedLetters(db).Select(x => x.Proposal.Year).Distinct().OrderByDescending(y => y)
            .ToListAsync(cancellationToken);
        var topics = await PublicationService.PublishedLetters(db).SelectMany(x => x.Proposal.Topics.Select(t => t.Name)).Distinct()
            .OrderBy(t => t).ToListAsync(cancellationToken);
        _facets = (signature, years, topics);
        return (years, topics);
    }

    /// <summary>
    /// The ids of published letters whose title or public text contains every word a visitor typed, on either provider;
    /// null when nothing searchable was typed.
    /// </summary>
    public static IQueryable<int>? Matching(PortalDbContext db, string? typed)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.IsPostgreSql())
        {
            return TsQuery(typed) is { } tsquery
                ? db.Database.SqlQueryRaw<int>("SELECT \"Id\" AS \"Value\" FROM \"PublicSearch\" WHERE \"Terms\" @@ {0}::tsquery", tsquery)
                : null;
        }

        return Query(typed) is { } match
            ? db.Database.SqlQueryRaw<int>("SELECT rowid AS Value FROM PublicSearch WHERE PublicSearch MATCH {0}", match)
            : null;
    }

    /// <summary>
    /// PostgreSQL's form of <see cref="Tokens"/>: a <c>tsvector</c> literal, each token quoted with its position (so a
    /// phrase can be matched). Positions stop at PostgreSQL's limit, 16383.
    /// </summary>
    public static string TsVector(string text)
    {
        var tokens = Tokens(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', tokens.Select((t, i) => $"'{Clip(t)}':{Math.Min(i + 1, 16383)}"));
    }

    /// <summary>
    /// PostgreSQL's form of <see cref="Query"/>: each Chinese run a phrase of its bigrams (<c>&lt;-&gt;</c>), a single
    /// character a prefix (<c>:*</c>), each other word itself, all required (<c>&amp;</c>).
    /// </summary>
    public static string? TsQuery(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var (run, isChinese) in Runs(typed.Length > 100 ? typed[..100] : typed))
        {
            // As above: only letters, digits and ideographs reach here, so no quote or operator gets through.
            parts.Add(isChinese && run.Length == 1
                ? $"'{run}':*"
                : string.Join(" <-> ", Tokens(run).Split(' ').Select(t => $"'{Clip(t)}'")));
        }

        return parts.Count == 0 ? null : string.Join(" & ", parts);
    }

    // PostgreSQL refuses a lexeme over 2047 bytes; no real word is that long.
    private static string Clip(string token) => token.Length > 500 ? token[..500] : token;

    /// <summary>Text as index tokens: Chinese runs as overlapping bigrams, other words lower-cased and whole.</summary>
    public static string Tokens(string text)
    {
        var tokens = new List<string>();
        foreach (var (run, isChinese) in Runs(text))
        {
            if (!isChinese)
            {
                tokens.Add(run);
            }
            else if (run.Length == 1)
            {
                tokens.Add(run);
            }
            else
            {
                for (var i = 0; i + 1 < run.Length; i++)
                {
                    tokens.Add(run.Substring(i, 2));
                }
            }
        }

        return string.Join(' ', tokens);
    }

    /// <summary>
    /// The FTS5 query for what a visitor typed: each Chinese run a phrase of its bigrams (a single character matches
    /// bigrams that start with it), each other word as itself, all required. Null when nothing searchable was typed.
    /// </summary>
    public static string? Query(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var (run, isChinese) in Runs(typed.Length > 100 ? typed[..100] : typed))
        {
            // Only letters, digits and ideographs reach here, so quoting is safe: no FTS5 syntax gets through.
            parts.Add(isChinese && run.Length == 1 ? $"\"{run}\"*" : $"\"{Tokens(run)}\"");
        }

        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    private static IEnumerable<(string Run, bool IsChinese)> Runs(string text)
    {
        var run = new StringBuilder();
        var chinese = false;
        foreach (var c in text)
        {
            var isIdeograph = IsIdeograph(c);
            var isWord = !isIdeograph && char.IsLetterOrDigit(c);
            if (run.Length > 0 && (!(isIdeograph || isWord) || isIdeograph != chinese))
            {
                yield return (run.ToString(), chinese);
                run.Clear();
            }

            if (isIdeograph || isWord)
            {
                run.Append(char.ToLowerInvariant(c));
                chinese = isIdeograph;
            }
        }

        if (run.Length > 0)
        {
            yield return (run.ToString(), chinese);
        }
    }

    private static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
