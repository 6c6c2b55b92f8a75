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
        var rows =
            from c in db.Set<Commitment>().AsNoTracking()
            join p in db.Proposals.AsNoTracking() on EF.Property<int>(c, "ProposalId") equals p.Id
            select new { c, p.Id, p.Year, p.Session, p.Number, p.Kind, p.Title, SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId };

        if (!actor.SeesEverything)
        {
            var own = actor.SectionId ?? -1;
            rows = rows.Where(r => r.c.OwnerSectionId == own || r.SectionId == own);
        }

        if (year is { } y)
        {
            rows = rows.Where(r => r.Year == y);
        }

        var pending = new[] { CommitmentStatus.Open, CommitmentStatus.InProgress };
        rows = filter switch
        {
            CommitmentFilter.Pending => rows.Where(r => pending.Contains(r.c.Status)),
            CommitmentFilter.Late => rows.Where(r => pending.Contains(r.c.Status) && r.c.DueOn < today),
            CommitmentFilter.Done => rows.Where(r => r.c.Status == CommitmentStatus.Done),
            _ => rows,
        };

        var found = await rows.ToListAsync(cancellationToken);
        return found
            .Select(r => new CommitmentRow(
                r.c.Id, r.Id, r.Year, Proposal.DesignationOf(r.Session, r.Number, r.Kind), r.Title, r.c.Description,
                r.c.OwnerSectionId ?? r.SectionId, r.c.OwnerName, r.c.DueOn, r.c.Status, r.c.Progress, r.c.Evidence,
                r.c.CompletedOn, r.c.IsLate(today) ? today.DayNumber - r.c.DueOn.DayNumber : 0))
            .OrderByDescending(r => r.DaysLate)
            .ThenBy(r => r.DueOn)
            .ThenBy(r => r.Id)
            .ToList();
    }
}
