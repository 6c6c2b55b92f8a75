using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Letters;

/// <summary>One saved draft, without its text: who saved it when, and whether it came from Word.</summary>
public sealed record DraftVersionInfo(int Round, int Number, string SavedBy, DateTimeOffset SavedAt, string? WordFile, ResultCategory? Category);

/// <summary>How a piece of a compared paragraph changed.</summary>
public enum DiffKind
{
    Same,
    Inserted,
    Deleted,
}

/// <summary>A run of characters of one side of a compared paragraph.</summary>
public sealed record DiffPart(string Text, DiffKind Kind);

/// <summary>
/// One paragraph side by side: as it was (<paramref name="Old"/>) and as it is (<paramref name="New"/>), each in runs
/// marked inserted or deleted; a side is null where the paragraph did not exist.
/// </summary>
public sealed record DiffRow(IReadOnlyList<DiffPart>? Old, IReadOnlyList<DiffPart>? New)
{
    public bool Changed => Old is null || New is null || Old.Concat(New).Any(p => p.Kind != DiffKind.Same);
}

/// <summary>Two versions of a draft compared paragraph by paragraph, with what review said in between.</summary>
public sealed record DraftComparison(DraftVersionInfo From, DraftVersionInfo To, IReadOnlyList<DiffRow> Rows, IReadOnlyList<string> ReviewBetween);

/// <summary>
/// The saved versions of an item's drafts and the comparison of two of them, to see what review changed: for the section
/// that drafts and for those who review and sign off (<see cref="ProposalWorkflow.CanReadDrafts"/>). The comparison is
/// DiffPlex's: paragraphs matched as lines, then changed paragraphs character by character (Chinese has no spaces
/// between words).
/// </summary>
public sealed class DraftHistory(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock)
{
    public static string PathFor(int proposalId, int? round = null, int? from = null, int? to = null) =>
        $"/proposals/{proposalId}/drafts" + (round is { } r && from is { } f && to is { } t ? $"?round={r}&from={f}&to={t}" : string.Empty);

    /// <summary>Every saved draft of the item's reply letters, round by round, oldest first.</summary>
    public async Task<Result<IReadOnlyList<DraftVersionInfo>>> VersionsAsync(int proposalId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await WhyNotAsync(db, proposalId, actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        var versions = await Query(db, proposalId).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, versions.Select(v => v.Version.SavedById), cancellationToken);
        return Result<IReadOnlyList<DraftVersionInfo>>.Ok(versions.Select(v => Info(v.Round, v.Version, names)).ToList());
    }

    /// <summary>Version <paramref name="from"/> against version <paramref name="to"/> of round <paramref name="round"/>'s draft.</summary>
    public async Task<Result<DraftComparison>> CompareAsync(int proposalId, int round, int from, int to, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await WhyNotAsync(db, proposalId, actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        // An item has a handful of drafts: read the round's and pick the two here.
        var pair = (await Query(db, proposalId).ToListAsync(cancellationToken))
            .Where(v => v.Round == round && (v.Version.Number == from || v.Version.Number == to)).ToList();
        var (old, @new) = (pair.FirstOrDefault(v => v.Version.Number == from), pair.FirstOrDefault(v => v.Version.Number == to));
        if (old is null || @new is null)
        {
            return Result<DraftComparison>.Refused($"第{round}轮答复稿没有第{(old is null ? from : to)}稿", RefusalKind.NotFound);
        }

        var names = await NamesAsync(db, pair.Select(v => v.Version.SavedById), cancellationToken);
        var (start, end) = old.Version.SavedAt <= @new.Version.SavedAt ? (old.Version.SavedAt, @new.Version.SavedAt) : (@new.Version.SavedAt, old.Version.SavedAt);
        var review = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ProposalId == proposalId && a.At >= start && a.At <= end
                && (a.Action == AuditAction.SendBackFromReview || a.Action == AuditAction.SendBackFromSignOff || a.Action == AuditAction.ApproveReview))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var between = review.Select(a => $"{ChineseDate.Format(clock.LocalDate(a.At))} {a.ActorName}{a.Action.ToChinese()}" + (a.Comment is { } c ? $"：{c}" : string.Empty)).ToList();
        return Result<DraftComparison>.Ok(new DraftComparison(Info(round, old.Version, names), Info(round, @new.Version, names),
            Compare(old.Version.Body, @new.Version.Body), between));
    }

    /// <summary>Two texts side by side, one row a paragraph, the changed ones character by character.</summary>
    public static IReadOnlyList<DiffRow> Compare(string oldText, string newText)
    {
        var model = new SideBySideDiffBuilder(new Differ(), LineChunker.Instance, CharacterChunker.Instance)
            .BuildDiffModel(Lines(oldText), Lines(newText), ignoreWhitespace: false);
        return model.OldText.Lines.Zip(model.NewText.Lines, (o, n) => new DiffRow(Side(o, DiffKind.Deleted), Side(n, DiffKind.Inserted))).ToList();
    }

    private static string Lines(string text) => string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
        .Select(l => l.Trim()).Where(l => l.Length > 0));

    private static List<DiffPart>? Side(DiffPiece line, DiffKind changed) => line.Type switch
    {
        ChangeType.Imaginary => null,
        ChangeType.Unchanged => [new(line.Text ?? string.Empty, DiffKind.Same)],
        ChangeType.Modified => Merge(line.SubPieces.Where(p => p.Type != ChangeType.Imaginary)
            .Select(p => new DiffPart(p.Text ?? string.Empty, p.Type == ChangeType.Unchanged ? DiffKind.Same : changed))),
        _ => [new(line.Text ?? string.Empty, changed)],
    };

    /// <summary>Neighbouring characters of the same kind in one run, so that a changed phrase is marked once.</summary>
    private static List<DiffPart> Merge(IEnumerable<DiffPart> parts)
    {
        var merged = new List<DiffPart>();
        foreach (var part in parts)
        {
            if (merged.Count > 0 && merged[^1].Kind == part.Kind)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + part.Text };
            }
            else
            {
                merged.Add(part);
            }
        }

        return merged;
    }

    private sealed record Row(int Round, DraftVersion Version);

    private static IQueryable<Row> Query(PortalDbContext db, int proposalId) =>
        from reply in db.Set<Reply>().AsNoTracking()
        where EF.Property<int>(reply, "ProposalId") == proposalId && reply.Kind == ReplyKind.Letter
        from version in db.DraftVersions.AsNoTracking()
        where version.ReplyId == reply.Id
        orderby reply.Round, version.Number
        select new Row(reply.Round, version);

    private static async Task<Result?> WhyNotAsync(PortalDbContext db, int proposalId, Actor actor, CancellationToken cancellationToken)
    {
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Proposers).FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        if (proposal is null || !ProposalWorkflow.CanView(proposal, actor))
        {
            return Result.Refused("找不到该件，或您无权查看该件");
        }

        return ProposalWorkflow.CanReadDrafts(proposal, actor) ? null : Result.Refused(DraftWord.NotAllowed);
    }

    private static async Task<Dictionary<int, string>> NamesAsync(PortalDbContext db, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Staff.AsNoTracking().Where(s => wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
    }

    private static DraftVersionInfo Info(int round, DraftVersion v, Dictionary<int, string> names) =>
        new(round, v.Number, names.GetValueOrDefault(v.SavedById, "—"), v.SavedAt, v.WordFile, v.Category);
}
