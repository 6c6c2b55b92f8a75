using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Commitments;

/// <summary>Which promises the 跟踪问效 page shows.</summary>
public enum CommitmentFilter
{
    /// <summary>Not yet kept: open or in progress, late or not.</summary>
    Pending,
    Late,
    Done,
    All,
}

/// <summary>One promise made in a reply, with the item it belongs to.</summary>
public sealed record CommitmentRow(
    int Id, int ProposalId, int Year, string Designation, string Title, string Description, int? OwnerSectionId,
    string? OwnerName, DateOnly DueOn, CommitmentStatus Status, string? Progress, string? Evidence, DateOnly? CompletedOn,
    int DaysLate)
{
    public bool IsLate => DaysLate > 0;
}

/// <summary>
/// 跟踪问效 across items: every promise made in a reply, late ones first, so that "重答复、轻落实" shows. Section staff
/// see the promises their section owns or made on its items; the leaders and the Office see all.
/// </summary>
public sealed class CommitmentQueryService(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock)
{
    public async Task<IReadOnlyList<CommitmentRow>> ListAsync(Actor actor, CommitmentFilter filter, int? year = null,
        CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = Query(db, actor, filter, year, today);
        var found = await rows.ToListAsync(cancellationToken);
        return found
            .Select(r => new CommitmentRow(
                r.Commitment.Id, r.ProposalId, r.Year, Proposal.DesignationOf(r.Session, r.Number, r.Kind), r.Title, r.Commitment.Description,
                r.Commitment.OwnerSectionId ?? r.SectionId, r.Commitment.OwnerName, r.Commitment.DueOn, r.Commitment.Status, r.Commitment.Progress, r.Commitment.Evidence,
                r.Commitment.CompletedOn, r.Commitment.IsLate(today) ? today.DayNumber - r.Commitment.DueOn.DayNumber : 0))
            .OrderByDescending(r => r.DaysLate)
            .ThenBy(r => r.DueOn)
            .ThenBy(r => r.Id)
            .ToList();
    }

    /// <summary>
    /// Whether a change to <paramref name="changedIds"/> can alter a 跟踪问效 list of <paramref name="filter"/> and
    /// <paramref name="year"/> that showed <paramref name="shownCount"/> promises: a promise of one of them is in the
    /// list now (it may be new, or read otherwise), or the list no longer holds <paramref name="shownCount"/> (one left
    /// it). Two small queries instead of the list (LiveRefresh).
    /// </summary>
    public async Task<bool> ChangesListAsync(Actor actor, CommitmentFilter filter, int? year, IReadOnlyCollection<int> changedIds,
        int shownCount, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = Query(db, actor, filter, year, clock.Today);
        var ids = changedIds.ToList();
        return await rows.AnyAsync(r => ids.Contains(r.ProposalId), cancellationToken)
            || await rows.CountAsync(cancellationToken) != shownCount;
    }

    /// <summary>The promises the list shows, unordered: the one filter behind the list and its live refresh.</summary>
    private static IQueryable<CommitmentMatch> Query(PortalDbContext db, Actor actor, CommitmentFilter filter, int? year, DateOnly today)
    {
        var rows =
            from c in db.Set<Commitment>().AsNoTracking()
            join p in db.Proposals.AsNoTracking() on EF.Property<int>(c, "ProposalId") equals p.Id
            select new CommitmentMatch
            {
                Commitment = c, ProposalId = p.Id, Year = p.Year, Session = p.Session, Number = p.Number, Kind = p.Kind, Title = p.Title,
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId,
            };

        if (!actor.SeesEverything)
        {
            var own = actor.SectionId ?? -1;
            rows = rows.Where(r => r.Commitment.OwnerSectionId == own || r.SectionId == own);
        }

        if (year is { } y)
        {
            rows = rows.Where(r => r.Year == y);
        }

        var pending = new[] { CommitmentStatus.Open, CommitmentStatus.InProgress };
        rows = filter switch
        {
            CommitmentFilter.Pending => rows.Where(r => pending.Contains(r.Commitment.Status)),
            CommitmentFilter.Late => rows.Where(r => pending.Contains(r.Commitment.Status) && r.Commitment.DueOn < today),
            CommitmentFilter.Done => rows.Where(r => r.Commitment.Status == CommitmentStatus.Done),
            _ => rows,
        };

        return rows;
    }

    /// <summary>A promise and what the list shows of its item (init properties: a shape EF can filter further).</summary>
    private sealed class CommitmentMatch
    {
        public required Commitment Commitment { get; init; }
        public int ProposalId { get; init; }
        public int Year { get; init; }
        public required string Session { get; init; }
        public int Number { get; init; }
        public ProposalKind Kind { get; init; }
        public required string Title { get; init; }
        public int? SectionId { get; init; }
    }
}
