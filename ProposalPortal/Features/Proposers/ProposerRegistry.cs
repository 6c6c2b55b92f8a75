using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Proposers;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Import;

namespace ProposalPortal.Features.Proposers;

/// <summary>One entry as the registry page lists it, with how many items it is linked to.</summary>
public sealed record ProposerRow(int Id, ProposerDetails Details, int ItemCount);

/// <summary>A page of the registry: the rows shown and how many matched.</summary>
public sealed record ProposerSearch(IReadOnlyList<ProposerRow> Rows, int Total);

/// <summary>How a typed name stands against the registry: the one entry it will link to, several of that name, or none.</summary>
public sealed record NameMatch(string Name, int? EntryId, int Count, string? Description)
{
    public bool IsKnown => Count > 0;
}

/// <summary>One of a proposer's items on their history page, with the reply and what they said of it.</summary>
public sealed record ProposerHistoryItem(
    int ProposalId, int Year, string Session, int Number, string Title, ProposalKind Kind, HandlingRole Role,
    ProposalState State, bool IsLead, string? DocumentNumber, DateOnly? RepliedOn, ResultCategory? Category,
    Satisfaction? Satisfaction);

public sealed record ProposerHistory(ProposerRow Entry, IReadOnlyList<ProposerHistoryItem> Items);

/// <summary>What an import of a 人大 or 政协 list did: every row's problem, or how many entries it added and updated.</summary>
public sealed record ProposerImportOutcome(IReadOnlyList<string> Problems, int Added, int Updated, Result Outcome)
{
    public bool Succeeded => Outcome.IsOk;
}

/// <summary>
/// 代表委员库, kept by the Office: search, edit, import the congress's and the CPPCC's lists, merge duplicates, and
/// each person's history. Every call takes the acting <see cref="Actor"/> and is refused unless they are 办公室; a
/// refusal says why in Chinese and saves nothing. Every change is saved with its record in 管理操作记录.
/// Contacts are read here and on the staff-only item page, never by the public pages, the API or the feed.
/// </summary>
public sealed class ProposerRegistry(IDbContextFactory<PortalDbContext> dbFactory, AdminAuditLog audit)
{
    public const int PageSize = 50;

    private static Result? RefuseUnlessOffice(Actor actor, string what) =>
        actor.Has(StaffRoles.Office) ? null : Result.Refused($"只有办公室可以{what}");

    public async Task<Result<ProposerSearch>> SearchAsync(Actor actor, string? text, ProposerBody? body, int page = 1,
        CancellationToken cancellationToken = default)
    {
        if (RefuseUnlessOffice(actor, "查看代表委员库") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.RegisteredProposers.AsNoTracking();
        if (body is { } b)
        {
            query = query.Where(p => p.Body == b);
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(p => p.Name.Contains(t) || (p.Unit != null && p.Unit.Contains(t)) || (p.Group != null && p.Group.Contains(t))
                || (p.Term != null && p.Term.Contains(t)) || (p.Mobile != null && p.Mobile.Contains(t)));
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var rows = await RowsAsync(db, entries, cancellationToken);
        return Result<ProposerSearch>.Ok(new ProposerSearch(rows, total));
    }

    public async Task<Result<ProposerRow>> FindAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        if (RefuseUnlessOffice(actor, "查看代表委员库") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.RegisteredProposers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return entry is null
            ? Result<ProposerRow>.Refused("代表委员库中没有该条目", RefusalKind.NotFound)
            : Result<ProposerRow>.Ok((await RowsAsync(db, [entry], cancellationToken))[0]);
    }

    /// <summary>Other entries of the same name and body: the duplicates the Office may merge into this one.</summary>
    public async Task<Result<IReadOnlyList<ProposerRow>>> DuplicatesOfAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        if (RefuseUnlessOffice(actor, "查看代表委员库") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.RegisteredProposers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (entry is null)
        {
            return Result.Refused("代表委员库中没有该条目");
        }

        var others = await db.RegisteredProposers.AsNoTracking()
            .Where(p => p.Id != id && p.Name == entry.Name && p.Body == entry.Body).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<ProposerRow>>.Ok(await RowsAsync(db, others, cancellationToken));
    }

    public async Task<Result<int>> AddAsync(Actor actor, ProposerDetails details, CancellationToken cancellationToken = default)
    {
        if (RefuseUnlessOffice(actor, "维护代表委员库") is { } refused)
        {
            return refused;
        }

        if (details.WhyNot() is { } problem)
        {
            return Result.Refused(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = new RegisteredProposer(details);
        db.RegisteredProposers.Add(entry);
        audit.Add(db, actor, AdminActions.ProposerAdd, Target(entry), null, entry.Describe());
        await db.SaveChangesAsync(cancellationToken);
        return Result<int>.Ok(entry.Id);
    }

    public async Task<Result> UpdateAsync(Actor actor, int id, ProposerDetails details, CancellationToken cancellationToken = default)
    {
        if (RefuseUnlessOffice(actor, "维护代表委员库") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.RegisteredProposers.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (entry is null)
        {
            return Result.Refused("代表委员库中没有该条目");
        }

        var before = entry.Describe();
        var result = entry.Update(details);
        if (!result.IsOk)
        {
            return result;
        }

        if (entry.Describe() != before)
        {
            audit.Add(db, actor, AdminActions.ProposerEdit, Target(entry), before, entry.Describe());
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result.Ok;
    }

    /// <summary>
    /// 合并重复: the items of <paramref name="mergedId"/> move to <paramref name="keptId"/>, which also takes the merged
    /// entry's contacts where it has none of its own; the merged entry goes. One save, one record of both before.
    /// </summary>
    public async Task<Result> MergeAsync(Actor actor, int keptId, int mergedId, CancellationToken cancellationToken = default)
    {
        if (RefuseUnlessOffice(actor, "合并代表委员库中的重复条目") is { } refused)
        {
            return refused;
        }

        if (keptId == mergedId)
        {
            return Result.Refused("不能把一个条目与它自己合并");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var kept = await db.RegisteredProposers.SingleOrDefaultAsync(p => p.Id == keptId, cancellationToken);
        var merged = await db.RegisteredProposers.SingleOrDefaultAsync(p => p.Id == mergedId, cancellationToken);
        if (kept is null || merged is null)
        {
            return Result.Refused("要合并的条目已不存在，请刷新后重试");
        }

        if (kept.Body != merged.Body)
        {
            return Result.Refused($"{kept.Name}是{kept.Body.ToChinese()}，{merged.Name}是{merged.Body.ToChinese()}，不能合并");
        }

        var before = $"保留：{kept.Describe()}；并入：{merged.Describe()}";
        var k = kept.Details;
        var m = merged.Details;
        var result = kept.Update(k with
        {
            Term = k.Term ?? m.Term, Group = k.Group ?? m.Group, Unit = k.Unit ?? m.Unit, Mobile = k.Mobile ?? m.Mobile,
            OfficePhone = k.OfficePhone ?? m.OfficePhone, Address = k.Address ?? m.Address, Email = k.Email ?? m.Email,
        });
        if (!result.IsOk)
        {
            return result;
        }

        // The items' own proposer lines stay as registered; only which entry they belong to changes.
        var lines = await db.Set<Proposer>().Where(p => p.RegistryId == mergedId).ToListAsync(cancellationToken);
        foreach (var line in lines)
        {
            line.LinkToRegistry(keptId);
        }

        db.RegisteredProposers.Remove(merged);
        audit.Add(db, actor, AdminActions.ProposerMerge, Target(kept), before, $"{kept.Describe()}；转入{lines.Count}件建议提案的提出人");
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// The entries of an item's proposers, for the staff-only item page (which has already checked that the person may
    /// see the item). Nothing public calls this.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ProposerDetails>> ContactsAsync(IEnumerable<int?> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<int, ProposerDetails>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await db.RegisteredProposers.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToListAsync(cancellationToken);
        return entries.ToDictionary(e => e.Id, e => e.Details);
    }

    /// <summary>How each name stands against the registry, for items of <paramref name="kind"/>.</summary>
    public async Task<IReadOnlyList<NameMatch>> LookupAsync(IReadOnlyList<string> names, ProposalKind kind, CancellationToken cancellationToken = default)
    {
        var normalized = names.Select(ProposerNames.Normalize).Where(n => n.Length > 0).Distinct().ToList();
        if (normalized.Count == 0)
        {
            return [];
        }

        var body = ProposerNames.BodyOf(kind);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await db.RegisteredProposers.AsNoTracking().Where(p => p.Body == body && normalized.Contains(p.Name))
            .ToListAsync(cancellationToken);
        return normalized.Select(name =>
        {
            var same = entries.Where(e => e.Name == name).ToList();
            var one = same.Count == 1 ? same[0] : null;
            return new NameMatch(name, one?.Id, same.Count,
                one is null ? null : string.Join("，", new[] { one.Term, one.Group, one.Unit }.Where(x => x is not null)));
        }).ToList();
    }

    /// <summary>
    /// Adds the names the user chose to add (each with the body that raises items of <paramref name="kind"/> and no
    /// contacts yet), skipping any already there. Only what the user saw and ticked comes here: a typo is never added
    /// on its own.
    /// </summary>
    public async Task<Result<int>> AddNamesAsync(Actor actor, IReadOnlyList<string> names, ProposalKind kind, CancellationToken cancellationToken = default)
    {
        if (RefuseUnlessOffice(actor, "维护代表委员库") is { } refused)
        {
            return refused;
        }

        var body = ProposerNames.BodyOf(kind);
        var wanted = names.Select(ProposerNames.Normalize).Where(n => n.Length > 0).Distinct().ToList();
        if (wanted.Select(n => new ProposerDetails(n, body).WhyNot()).FirstOrDefault(p => p is not null) is { } problem)
        {
            return Result.Refused(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.RegisteredProposers.Where(p => p.Body == body && wanted.Contains(p.Name)).Select(p => p.Name)
            .ToListAsync(cancellationToken);
        var added = wanted.Except(existing).Select(n => new RegisteredProposer(new ProposerDetails(n, body))).ToList();
        foreach (var entry in added)
        {
            db.RegisteredProposers.Add(entry);
            audit.Add(db, actor, AdminActions.ProposerAdd, Target(entry), null, entry.Describe());
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result<int>.Ok(added.Count);
    }

    /// <summary>A person's items across the years, newest first: the reply and their own satisfaction with it.</summary>
    public async Task<Result<ProposerHistory>> HistoryAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        var (entry, error) = await FindAsync(actor, id, cancellationToken);
        if (entry is null)
        {
            return Result<ProposerHistory>.Refused(error!, RefusalKind.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposals = await db.Proposals.AsNoTracking().AsSplitQuery()
            .Include(p => p.Proposers).Include(p => p.Replies).Include(p => p.Evaluations)
            .Where(p => p.Proposers.Any(x => x.RegistryId == id))
            .OrderByDescending(p => p.Year).ThenBy(p => p.Session).ThenBy(p => p.Number)
            .ToListAsync(cancellationToken);
        var items = proposals.Select(p =>
        {
            var line = p.Proposers.First(x => x.RegistryId == id);
            var isLead = line.Id == p.LeadProposer.Id;
            var reply = p.Replies.Where(r => r.DocumentNumber is not null || r.Kind != ReplyKind.Letter)
                .OrderByDescending(r => r.Round).FirstOrDefault();
            // An evaluation that names none of the item's proposers is the lead proposer's: entered before answers were
            // per person, or (the demo data) recorded before the proposer lines had their ids.
            var own = p.Evaluations.Where(e => (p.Proposers.Any(x => x.Id == e.ProposerId) ? e.ProposerId : p.LeadProposer.Id) == line.Id)
                .OrderByDescending(e => e.Round).ThenByDescending(e => e.RecordedAt).FirstOrDefault();
            return new ProposerHistoryItem(p.Id, p.Year, p.Session, p.Number, p.Title, p.Kind, p.Role, p.State, isLead,
                reply?.DocumentNumber, p.RepliedOn, reply?.Category, own?.Satisfaction);
        }).ToList();
        return Result<ProposerHistory>.Ok(new ProposerHistory(entry, items));
    }

    /// <summary>
    /// Imports a 人大 list (with a 代表团 column) or a 政协 list (with a 界别 column) from .xlsx: every row is checked
    /// first and any problem, named by its row, leaves the registry as it was. A row whose name, body and 届别 are
    /// already in the registry updates that entry; any other row adds one.
    /// </summary>
    public async Task<ProposerImportOutcome> ImportAsync(Actor actor, string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        if (RefuseUnlessOffice(actor, "导入代表委员名单") is { } refused)
        {
            return new ProposerImportOutcome([refused.Error!], 0, 0, refused);
        }

        if (!string.Equals(Path.GetExtension(fileName), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("请上传 .xlsx 格式的代表或委员名单");
        }

        var (table, readProblem) = AssignmentFileReader.Read(fileName, content);
        if (table is null)
        {
            return Refuse(readProblem!.Replace("交办清单", "名单", StringComparison.Ordinal));
        }

        var (rows, problems) = ProposerList.Parse(table);
        if (problems.Count > 0)
        {
            return new ProposerImportOutcome(problems, 0, 0, Result.Refused($"名单中有{problems.Count}处问题，未导入任何一条"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = rows.Select(r => r.Name).Distinct().ToList();
        var existing = await db.RegisteredProposers.Where(p => names.Contains(p.Name)).ToListAsync(cancellationToken);
        int added = 0, updated = 0;
        foreach (var row in rows)
        {
            var same = existing.FirstOrDefault(e => e.Name == row.Name && e.Body == row.Body && e.Term == row.Term);
            if (same is null)
            {
                var entry = new RegisteredProposer(row);
                db.RegisteredProposers.Add(entry);
                existing.Add(entry);
                added++;
            }
            else if (same.Details != row)
            {
                same.Update(row);
                updated++;
            }
        }

        audit.Add(db, actor, AdminActions.ProposerImport, $"代表委员名单《{fileName}》", null, $"新增{added}条，更新{updated}条");
        await db.SaveChangesAsync(cancellationToken);
        return new ProposerImportOutcome([], added, updated, Result.Ok);

        static ProposerImportOutcome Refuse(string problem) => new([problem], 0, 0, Result.Refused(problem));
    }

    private static string Target(RegisteredProposer entry) => $"代表委员 {entry.Name}（{entry.Body.ToChinese()}）";

    private static async Task<IReadOnlyList<ProposerRow>> RowsAsync(PortalDbContext db, IReadOnlyList<RegisteredProposer> entries,
        CancellationToken cancellationToken)
    {
        var ids = entries.Select(e => e.Id).ToList();
        var counts = await db.Set<Proposer>().Where(p => p.RegistryId != null && ids.Contains(p.RegistryId.Value))
            .GroupBy(p => p.RegistryId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return entries.Select(e => new ProposerRow(e.Id, e.Details, counts.GetValueOrDefault(e.Id))).ToList();
    }
}
