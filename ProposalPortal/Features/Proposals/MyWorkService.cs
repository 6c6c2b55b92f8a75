using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Proposals;

/// <summary>
/// What decides who is expected to act on an item next: few enough columns to read in SQL, so 我的待办 never loads
/// whole items.
/// </summary>
/// <param name="SectionId">The 承办科室 of the 五定; null before the Office has set it.</param>
/// <param name="PublicationPending">A signed reply of the current round waits to be published and may be.</param>
public sealed record WorkItemFacts(HandlingRole Role, ProposalState State, bool IsKey, int? SectionId, bool PublicationPending)
{
    /// <summary>The same facts read from a whole item (the SQL projection of <see cref="MyWorkService"/> must agree).</summary>
    public static WorkItemFacts From(Proposal proposal) => new(
        proposal.Role, proposal.State, proposal.IsKey, proposal.Responsibility?.SectionId,
        proposal.Role == HandlingRole.Lead
            && proposal.CurrentReply is { IsSigned: true, IsPublished: false } reply
            && reply.Disclosure != Disclosure.Withhold);
}

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
/// 我的待办: the items waiting for the signed-in user, soonest deadline first. Section staff draft, submit and send
/// opinions for their own section; a deputy reviews the sections they oversee; the director (or the sign-off delegate,
/// never for key items) signs off; the Office accepts, sets the 五定, handles return requests, records evaluations,
/// publishes and closes.
/// </summary>
/// <remarks>
/// <see cref="ProposalWorkflow.AvailableSteps"/> needs whole items, so the expected step is mapped here from state and
/// role; a test checks every mapped step against the workflow so the two cannot drift apart.
/// </remarks>
public sealed class MyWorkService(IDbContextFactory<PortalDbContext> dbFactory, WorkflowContextFactory contexts, PortalClock clock)
{
    private static readonly ProposalState[] OfficeStates =
    [
        ProposalState.Registered, ProposalState.Accepted, ProposalState.ReturnRequested,
        ProposalState.Replied, ProposalState.Evaluated, ProposalState.OpinionSent,
    ];

    /// <summary>The items waiting for <paramref name="actor"/>, soonest open deadline first; done deadlines after.</summary>
    public async Task<IReadOnlyList<MyWorkRow>> ForAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var ownSection = actor.Has(StaffRoles.SectionStaff) && actor.SectionId is { } section ? section : -1;
        var overseen = actor.Has(StaffRoles.DeputyDirector) ? actor.OverseenSections.ToArray() : [];
        var director = actor.Has(StaffRoles.Director);
        var signOffDelegate = actor.IsSignOffDelegate;
        var office = actor.Has(StaffRoles.Office);
        var officeStates = OfficeStates;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Proposals.AsNoTracking()
            .Select(p => new
            {
                p.Id, p.Session, p.Number, p.Kind, p.Title, p.Role, p.State, p.IsKey, p.Deadline,
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId,
                PublicationPending = p.Role == HandlingRole.Lead && p.Replies.Any(r =>
                    r.Round == p.ReopenRound + 1 && r.SignedAt != null && r.PublishedAt == null && r.Disclosure != Disclosure.Withhold),
            })
            .Where(p =>
                // 科室: draft, submit, resume (主办) or send the opinion (协办) for the own section.
                (p.SectionId == ownSection
                    && (p.State == ProposalState.InProgress
                        || (p.Role == HandlingRole.Lead && (p.State == ProposalState.Drafted || p.State == ProposalState.Reopened))))
                // 分管副局长: review the sections overseen.
                || (p.Role == HandlingRole.Lead && p.State == ProposalState.UnderReview
                    && p.SectionId != null && overseen.Contains(p.SectionId.Value))
                // 局长, or the delegate for items that are not key: sign off.
                || (p.Role == HandlingRole.Lead && p.State == ProposalState.AwaitingSignOff && (director || (signOffDelegate && !p.IsKey)))
                // 办公室.
                || (office && (officeStates.Contains(p.State) || (p.State == ProposalState.Closed && p.PublicationPending))))
            .ToListAsync(cancellationToken);

        var deadlines = await contexts.DeadlinesAsync(cancellationToken);
        var today = clock.Today;
        return candidates
            .Select(p =>
            {
                var steps = ExpectedSteps(new WorkItemFacts(p.Role, p.State, p.IsKey, p.SectionId, p.PublicationPending), actor);
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

    /// <summary>
    /// The steps <paramref name="actor"/> is expected to take next on an item with these facts; empty when the item
    /// is not waiting for them. Every step returned is one <see cref="ProposalWorkflow"/> allows them.
    /// </summary>
    public static IReadOnlyList<WorkflowStep> ExpectedSteps(WorkItemFacts item, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        var lead = item.Role == HandlingRole.Lead;
        var steps = new List<WorkflowStep>();

        if (actor.Has(StaffRoles.SectionStaff) && item.SectionId is { } section && section == actor.SectionId)
        {
            switch (item.State)
            {
                case ProposalState.InProgress:
                    steps.Add(lead ? WorkflowStep.SaveDraft : WorkflowStep.SendOpinion);
                    break;
                case ProposalState.Drafted when lead:
                    steps.Add(WorkflowStep.SubmitForReview);
                    break;
                case ProposalState.Reopened when lead:
                    steps.Add(WorkflowStep.ResumeHandling);
                    break;
            }
        }

        if (lead && item.State == ProposalState.UnderReview && actor.Has(StaffRoles.DeputyDirector)
            && item.SectionId is { } reviewed && actor.OverseenSections.Contains(reviewed))
        {
            steps.Add(WorkflowStep.ApproveReview);
        }

        if (lead && item.State == ProposalState.AwaitingSignOff
            && (actor.Has(StaffRoles.Director) || (actor.IsSignOffDelegate && !item.IsKey)))
        {
            steps.Add(WorkflowStep.SignOff);
        }

        if (actor.Has(StaffRoles.Office))
        {
            steps.AddRange(OfficeSteps(item));
        }

        return steps;
    }

    /// <summary>The steps in Chinese as the list shows them; 审核 rather than 审核通过, since sending back is as expected.</summary>
    public static string Describe(IEnumerable<WorkflowStep> steps) =>
        string.Join(" / ", steps.Select(s => s == WorkflowStep.ApproveReview ? "审核" : s.ToChinese()));

    private static IEnumerable<WorkflowStep> OfficeSteps(WorkItemFacts item)
    {
        switch (item.State)
        {
            case ProposalState.Registered:
                yield return WorkflowStep.Accept;
                break;
            case ProposalState.Accepted:
                yield return item.SectionId is null ? WorkflowStep.SetResponsibility : WorkflowStep.StartHandling;
                break;
            case ProposalState.ReturnRequested:
                yield return WorkflowStep.ApproveReturn;
                yield return WorkflowStep.RejectReturn;
                break;
            case ProposalState.Replied:
                if (item.PublicationPending)
                {
                    yield return WorkflowStep.Publish;
                }

                yield return WorkflowStep.RecordEvaluation;
                break;
            case ProposalState.Evaluated:
                if (item.PublicationPending)
                {
                    yield return WorkflowStep.Publish;
                }

                yield return WorkflowStep.Close;
                break;
            case ProposalState.OpinionSent:
                yield return WorkflowStep.Close;
                break;
            case ProposalState.Closed when item.PublicationPending:
                yield return WorkflowStep.Publish;
                break;
        }
    }
}
