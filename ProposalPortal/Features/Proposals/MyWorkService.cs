using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Proposals;

/// <summary>One line of 我的待办: the item, how pressing its deadline is, and the steps expected of the user.</summary>
public sealed record MyWorkRow(
    int Id, string Session, int Number, ProposalKind Kind, string Title, HandlingRole Role, ProposalState State, bool IsKey,
    int? SectionId, DateOnly? Deadline, DeadlineStatus? Status, IReadOnlyList<WorkflowStep> Steps)
{
    /// <summary>e.g. 市政协十届一次会议第199号.</summary>
    public string Designation => $"{Session}第{Number}号";

    /// <summary>The expected steps in Chinese, e.g. 审核 or 公开 / 登记评价.</summary>
    public string Task => MyWorkService.Describe(Steps);
}

/// <summary>A page of 我的待办: its rows, and how many wait in all (共N件).</summary>
/// <param name="PageIndex">The page shown, counted from 0: the last one when the page asked for lies beyond the end.</param>
public sealed record MyWorkPage(IReadOnlyList<MyWorkRow> Rows, int Total, int PageIndex, int PageSize)
{
    public static MyWorkPage Empty(int pageSize) => new([], 0, 0, pageSize);

    public int LastPageIndex => Math.Max(0, (Total - 1) / PageSize);
}

/// <summary>
/// 我的待办: the items waiting for the signed-in user, soonest deadline first, a page at a time: a plain query over the
/// item's stored <see cref="WaitingFor"/> and <see cref="DeadlineStanding"/>, which every step of the aggregate sets.
/// Section staff draft, submit and send opinions for their own section; a deputy reviews the sections they oversee; the
/// director (or the sign-off delegate, never for key items) signs off; the Office accepts, sets the 五定, handles return
/// requests, records evaluations, publishes and closes.
/// </summary>
public sealed class MyWorkService(IDbContextFactory<PortalDbContext> dbFactory, WorkflowContextFactory contexts, PortalClock clock)
{
    /// <summary>20 rows to a page, as the item list shows by default.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>
    /// Page <paramref name="pageIndex"/> (from 0) of the items waiting for <paramref name="actor"/>: open deadlines
    /// soonest first, then done deadlines, then none, each by date and then by id; a page beyond the end gives the last.
    /// The Office's ten years of waiting items cost what a section's few do: the page's ids are read in order from
    /// IX_Proposals_MyWork and only those rows are read whole; the total is counted from the same index.
    /// </summary>
    public async Task<MyWorkPage> PageAsync(Actor actor, int pageIndex = 0, int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        pageIndex = Math.Max(0, pageIndex);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (Waiting(db.Proposals.AsNoTracking(), actor) is not { } keys)
        {
            return MyWorkPage.Empty(pageSize);
        }

        var rows = await RowsAsync(db, keys, pageIndex, pageSize, cancellationToken);
        // A page that is not full ends the list: its rows give the total without counting (most people's one page).
        if (rows.Count < pageSize && (rows.Count > 0 || pageIndex == 0))
        {
            return new MyWorkPage(rows, (pageIndex * pageSize) + rows.Count, pageIndex, pageSize);
        }

        var total = await keys.CountAsync(cancellationToken);
        if (rows.Count == 0 && total > 0)
        {
            // A page beyond the end (fewer items since the link was made): the last page instead of an empty one.
            pageIndex = (total - 1) / pageSize;
            rows = await RowsAsync(db, keys, pageIndex, pageSize, cancellationToken);
        }

        return new MyWorkPage(rows, total, rows.Count == 0 ? 0 : pageIndex, pageSize);
    }

    /// <summary>
    /// Whether a change to <paramref name="changedIds"/> (none of them among <paramref name="shownIds"/>) can alter page
    /// <paramref name="pageIndex"/> of 我的待办 that showed <paramref name="shownIds"/> out of <paramref name="shownTotal"/>:
    /// the count of what waits moved (one came or went), or, when a changed item waits for <paramref name="actor"/> now,
    /// the page's ids in order are no longer <paramref name="shownIds"/>. Seeks on IX_Proposals_MyWork, no row read whole
    /// (LiveRefresh).
    /// </summary>
    public async Task<bool> ChangesPageAsync(Actor actor, IReadOnlyCollection<int> changedIds, IReadOnlyList<int> shownIds,
        int shownTotal, int pageIndex, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (Waiting(db.Proposals.AsNoTracking(), actor) is not { } keys)
        {
            return shownTotal != 0;
        }

        var ids = changedIds.ToList();
        if (await keys.CountAsync(cancellationToken) != shownTotal)
        {
            return true;
        }

        if (!await keys.AnyAsync(k => ids.Contains(k.Id), cancellationToken))
        {
            return false;
        }

        var page = await PageKeys(keys, Math.Max(0, pageIndex), pageSize)
            .Select(k => k.Id)
            .ToListAsync(cancellationToken);
        return !page.SequenceEqual(shownIds);
    }

    /// <summary>The ordering keys of the items waiting for <paramref name="actor"/>; null when nothing can wait for them.</summary>
    /// <remarks>
    /// The SQL form of <see cref="WaitingFor.Includes"/>, one arm per (role, section) the actor answers for, joined by
    /// UNION ALL (the arms are disjoint). Each arm is one equality seek on IX_Proposals_MyWork that yields its rows in
    /// the list's order, so SQLite merges the arms in order instead of sorting them (a deputy's sections, or someone
    /// with two roles); an OR or IN over the sections would read them all and sort.
    /// </remarks>
    private static IQueryable<OrderKey>? Waiting(IQueryable<Proposal> proposals, Actor actor)
    {
        var arms = new List<IQueryable<Proposal>>();
        if (actor.Has(StaffRoles.SectionStaff) && actor.SectionId is { } own)
        {
            arms.Add(proposals.Where(p => p.WaitingForRole == WaitingRole.Section && p.WaitingForSectionId == own));
        }

        if (actor.Has(StaffRoles.DeputyDirector))
        {
            foreach (var section in actor.OverseenSections.Order())
            {
                arms.Add(proposals.Where(p => p.WaitingForRole == WaitingRole.DeputyInCharge && p.WaitingForSectionId == section));
            }
        }

        if (actor.Has(StaffRoles.Director))
        {
            arms.Add(proposals.Where(p => p.WaitingForRole == WaitingRole.Signer && p.WaitingForSectionId == null));
        }
        else if (actor.IsSignOffDelegate)
        {
            arms.Add(proposals.Where(p => p.WaitingForRole == WaitingRole.Signer && p.WaitingForSectionId == null && !p.IsKey));
        }

        if (actor.Has(StaffRoles.Office))
        {
            arms.Add(proposals.Where(p => p.WaitingForRole == WaitingRole.Office && p.WaitingForSectionId == null));
        }

        return arms
            .Select(arm => arm.Select(p => new OrderKey { Standing = p.DeadlineStanding, Deadline = p.Deadline, Id = p.Id }))
            .Aggregate((IQueryable<OrderKey>?)null, (all, arm) => all is null ? arm : all.Concat(arm));
    }

    /// <summary>The keys of page <paramref name="pageIndex"/>, in 我的待办's order: the page drawn and the live refresh's look at its ids.</summary>
    private static IQueryable<OrderKey> PageKeys(IQueryable<OrderKey> keys, int pageIndex, int pageSize) =>
        keys.OrderBy(k => k.Standing).ThenBy(k => k.Deadline).ThenBy(k => k.Id)
            .Skip(pageIndex * pageSize).Take(pageSize);

    /// <summary>One page of rows: the page's keys in order (index only), then those rows whole, in one command.</summary>
    private async Task<IReadOnlyList<MyWorkRow>> RowsAsync(PortalDbContext db, IQueryable<OrderKey> keys, int pageIndex, int pageSize,
        CancellationToken cancellationToken)
    {
        // Joined rather than IN (ids): the page's keys keep all three columns, so that SQLite merges the arms' ordered
        // seeks into the page instead of sorting everything waiting, and reads only the page's rows whole (EF repeats
        // the order outside; SQLite takes it from the page's keys as they come, without sorting).
        var page = await PageKeys(keys, pageIndex, pageSize)
            .Join(db.Proposals.AsNoTracking(), k => k.Id, p => p.Id, (k, p) => new
            {
                // The keys' columns read here keep them in the page's subquery (EF drops unread ones): the merge needs them.
                k.Standing, k.Deadline, p.Id, p.Session, p.Number, p.Kind, p.Title, p.Role, p.State, p.IsKey,
                p.WaitingForRole, p.WaitingForSectionId,
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId,
                PublicationPending = p.Role == HandlingRole.Lead && p.Replies.Any(r =>
                    r.Round == p.ReopenRound + 1 && r.SignedAt != null && r.PublishedAt == null && r.Disclosure != Disclosure.Withhold),
                // Only a replied item's window matters here (closing as 未反馈 once it has ended).
                IssuedOn = p.State == ProposalState.Replied
                    ? p.Replies.Where(r => r.Round == p.ReopenRound + 1 && r.IssuedOn != null).Select(r => r.IssuedOn).FirstOrDefault()
                    : null,
            })
            .ToListAsync(cancellationToken);

        var deadlines = await contexts.DeadlinesAsync(cancellationToken);
        var today = clock.Today;
        return page
            .Select(p =>
            {
                var steps = new WaitingFor(p.WaitingForRole, p.WaitingForSectionId)
                    .ExpectedSteps(p.Role, p.State, p.SectionId is not null, p.PublicationPending,
                        Proposal.EvaluationWindowEnded(p.IssuedOn, deadlines, today));
                var status = p.Deadline is { } due ? deadlines.Classify(due, today, Proposal.IsDeadlineStepDoneIn(p.State)) : null;
                return new MyWorkRow(p.Id, p.Session, p.Number, p.Kind, p.Title, p.Role, p.State, p.IsKey, p.SectionId,
                    p.Deadline, status, steps);
            })
            .ToList();
    }

    /// <summary>What 我的待办 orders by, read from IX_Proposals_MyWork alone (init properties: a shape EF can UNION).</summary>
    private sealed class OrderKey
    {
        public DeadlineStanding Standing { get; init; }
        public DateOnly? Deadline { get; init; }
        public int Id { get; init; }
    }

    /// <summary>The steps in Chinese as the list shows them; 审核 rather than 审核通过, since sending back is as expected.</summary>
    public static string Describe(IEnumerable<WorkflowStep> steps) =>
        string.Join(" / ", steps.Select(s => s == WorkflowStep.ApproveReview ? "审核" : s.ToChinese()));
}
