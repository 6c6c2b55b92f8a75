using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;

namespace ProposalPortal.Features.Organization;

/// <summary>Read-only look-ups of sections and people, for pickers and for showing names instead of ids.</summary>
public sealed class OrganizationService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<Section>> SectionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Sections.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StaffMember>> StaffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Staff.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Every section's and person's name by id, to render lists without a query per row.</summary>
    public async Task<Names> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return new Names(sections, staff);
    }
}

/// <summary>Names by id; an unknown id reads as —.</summary>
public sealed record Names(IReadOnlyDictionary<int, string> Sections, IReadOnlyDictionary<int, string> Staff)
{
    public string Section(int? id) => id is { } i && Sections.TryGetValue(i, out var n) ? n : "—";

    public string Person(int? id) => id is { } i && Staff.TryGetValue(i, out var n) ? n : "—";
}
