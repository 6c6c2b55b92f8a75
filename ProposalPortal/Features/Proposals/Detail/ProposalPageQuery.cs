using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Proposals.Attachments;
using ProposalPortal.Features.Publication;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>
/// Loads the <see cref="ProposalPage"/> of one item for one person. The item comes whole in one split query (a fixed
/// number of statements, however many communications or attachments it has); names, the joint group, related replies,
/// letters and 征询意见 links add a fixed number more, and only when the page shows them.
/// </summary>
public sealed class ProposalPageQuery(
    ProposalService proposals,
    OrganizationService organization,
    WorkflowContextFactory contexts,
    JointHandlingService joint,
    ReplyLetterService letters,
    RelatedRepliesService related,
    EvaluationLinks evaluationLinks,
    PortalClock clock,
    IOptions<AttachmentOptions> attachments,
    Proposers.ProposerRegistry registry)
{
    /// <summary>The page of item <paramref name="id"/> as <paramref name="actor"/> sees it; null when it is not theirs to see.</summary>
    public async Task<ProposalPage?> LoadAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        if (await proposals.FindAsync(id, actor, cancellationToken) is not { } proposal)
        {
            return null;
        }

        var context = await contexts.CreateAsync(cancellationToken);
        var names = await organization.NamesAsync(cancellationToken);
        var deadlineStatus = proposal.Deadline is { } deadline
            ? context.Deadlines.Classify(deadline, context.Today, proposal.IsDeadlineStepDone)
            : null;
        // Earlier answers on the same topics, for whoever is writing or checking this one.
        var relatedReplies = proposal.Role == HandlingRole.Lead && proposal.State is ProposalState.InProgress or ProposalState.Drafted
            or ProposalState.UnderReview or ProposalState.AwaitingSignOff
            ? await related.ForAsync(proposal, actor, cancellationToken: cancellationToken)
            : [];
        // The Office prints or sends each proposer their own 征询意见 link; nobody else needs to see them.
        var links = actor.Has(StaffRoles.Office) && proposal.State is ProposalState.Replied or ProposalState.Evaluated
            ? await evaluationLinks.ForProposalAsync(proposal, cancellationToken)
            : [];
        var limits = attachments.Value;

        return new ProposalPage(
            proposal,
            context,
            clock.Zone,
            names,
            ProposalWorkflow.AvailableSteps(proposal, actor, context),
            deadlineStatus,
            Timeline(proposal, names),
            await joint.OthersAsync(proposal, cancellationToken),
            relatedReplies,
            await letters.VersionsAsync(proposal, actor, cancellationToken),
            links,
            new AttachmentLimits(limits.Extensions, limits.MaxBytes),
            await registry.ContactsAsync(proposal.Proposers.Select(p => p.RegistryId), cancellationToken),
            actor.Has(StaffRoles.Office));
    }

    /// <summary>
    /// The audit trail and the communications, newest first. A communication's own audit line is left out: the
    /// communication shows the same contact with its details.
    /// </summary>
    private List<TimelineEntry> Timeline(Proposal p, Names names)
    {
        var audit = p.AuditTrail
            .Where(a => a.Action != AuditAction.LogCommunication)
            .Select(a => new TimelineEntry(a.At, a.Id, a.Action.ToChinese(), a.ActorName, LocalTime(a.At),
                FromTo(a), a.Comment, null, a.Action.ToString()));
        var communications = p.Communications
            .Select(c => new TimelineEntry(c.RecordedAt, c.Id, c.Stage.ToChinese(), names.Person(c.RecordedById),
                LocalTime(c.RecordedAt), null, null, c));
        return audit.Concat(communications)
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Order)
            .ToList();
    }

    private string LocalTime(DateTimeOffset at) => ProposalPage.LocalTime(at, clock.Zone);

    private static string? FromTo(AuditEntry a) => (a.FromState, a.ToState) switch
    {
        ({ } from, { } to) => $"{from.ToChinese()} → {to.ToChinese()}",
        (null, { } to) => $"→ {to.ToChinese()}",
        _ => null,
    };
}
