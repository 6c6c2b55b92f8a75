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

/// <summary>
/// 我的待办: the items waiting for the signed-in user, soonest deadline first: a plain query over the item's stored
/// <see cref="WaitingFor"/>, which every step of the aggregate sets. Section staff draft, submit and send opinions for
/// their own section; a deputy reviews the sections they oversee; the director (or the sign-off delegate, never for key
/// items) signs off; the Office accepts, sets the 五定, handles return requests, records evaluations, publishes and
/// closes.
/// </summary>
public sealed class MyWorkService(IDbContextFactory<PortalDbContext> dbFactory, WorkflowContextFactory contexts, PortalClock clock)
{
    /// <summary>The items waiting for <paramref name="actor"/>, soonest open deadline first; done deadlines after.</summary>
    public async Task<IReadOnlyList<MyWorkRow>> ForAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // The SQL form of WaitingFor.Includes.
        var ownSection = actor.Has(StaffRoles.SectionStaff) && actor.SectionId is { } section ? section : -1;
        var overseen = actor.Has(StaffRoles.DeputyDirector) ? actor.OverseenSections.ToArray() : [];
        var director = actor.Has(StaffRoles.Director);
        var signOffDelegate = actor.IsSignOffDelegate;
        var office = actor.Has(StaffRoles.Office);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Proposals.AsNoTracking()
            .Where(p =>
                (p.WaitingForRole == WaitingRole.Section && p.WaitingForSectionId == ownSection)
                || (p.WaitingForRole == WaitingRole.DeputyInCharge && p.WaitingForSectionId != null && overseen.Contains(p.WaitingForSectionId.Value))
                || (p.WaitingForRole == WaitingRole.Signer && (director || (signOffDelegate && !p.IsKey)))
                || (p.WaitingForRole == WaitingRole.Office && office))
            .Select(p => new
            {
                p.Id, p.Session, p.Number, p.Kind, p.Title, p.Role, p.State, p.IsKey, p.Deadline,
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
        return candidates
            .Select(p =>
            {
                var steps = new WaitingFor(p.WaitingForRole, p.WaitingForSectionId)
                    .ExpectedSteps(p.Role, p.State, p.SectionId is not null, p.PublicationPending,
                        Proposal.EvaluationWindowEnded(p.IssuedOn, deadlines, today));
                var status = p.Deadline is { } due ? deadlines.Classify(due, today, Proposal.IsDeadlineStepDoneIn(p.State)) : null;
                return new MyWorkRow(p.Id, p.Session, p.Number, p.Kind, p.Title, p.Role, p.State, p.IsKey, p.SectionId,
                    p.Deadline, status, steps);
            })
            .Where(r => r.Steps.Count > 0)
            .OrderBy(r => r.Status is null || r.Status.Level == DeadlineLevel.Done ? 1 : 0)
            .ThenBy(r => r.Deadline ?? DateOnly.MaxValue)
            .ThenBy(r => r.Id)
            .ToList();
    }

    /// <summary>The steps in Chinese as the list shows them; 审核 rather than 审核通过, since sending back is as expected.</summary>
    public static string Describe(IEnumerable<WorkflowStep> steps) =>
        string.Join(" / ", steps.Select(s => s == WorkflowStep.ApproveReview ? "审核" : s.ToChinese()));
}
