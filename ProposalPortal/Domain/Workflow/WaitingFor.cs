using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Workflow;

/// <summary>Who an item waits for: the role that takes its next step. Stored as text on the item.</summary>
public enum WaitingRole
{
    /// <summary>Nobody: the item is closed, returned, or waits for something outside the bureau.</summary>
    Nobody,

    /// <summary>办公室: accept, set the 五定, decide a return request, record the evaluation, publish, close.</summary>
    Office,

    /// <summary>The 承办科室 (<see cref="WaitingFor.SectionId"/>): draft, submit, resume, or send the opinion.</summary>
    Section,

    /// <summary>The deputy director who oversees the 承办科室 (<see cref="WaitingFor.SectionId"/>): review.</summary>
    DeputyInCharge,

    /// <summary>The director, or the sign-off delegate when the item is not key: sign off.</summary>
    Signer,
}

/// <summary>
/// Who an item waits for and in which section: the one answer to "who acts next", set by every step of the aggregate
/// and read by 我的待办 as a plain query. <see cref="ExpectedSteps"/> names what they are expected to do; every one of
/// those steps is one <see cref="ProposalWorkflow"/> allows them (a test walks every state against a matrix of actors).
/// </summary>
public sealed record WaitingFor(WaitingRole Role, int? SectionId)
{
    public static readonly WaitingFor Nobody = new(WaitingRole.Nobody, null);

    /// <summary>Who <paramref name="proposal"/> waits for now.</summary>
    public static WaitingFor Of(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Of(proposal.Role, proposal.State, proposal.Responsibility?.SectionId, PublicationPending(proposal));
    }

    /// <summary>
    /// Who an item with these facts waits for. The migration "WaitingFor" fills existing rows with the same rule in SQL.
    /// </summary>
    /// <param name="publicationPending">A signed reply of the current round waits to be published and may be.</param>
    public static WaitingFor Of(HandlingRole role, ProposalState state, int? sectionId, bool publicationPending)
    {
        var lead = role == HandlingRole.Lead;
        return state switch
        {
            ProposalState.Registered or ProposalState.Accepted or ProposalState.ReturnRequested
                or ProposalState.Replied or ProposalState.Evaluated or ProposalState.OpinionSent => new(WaitingRole.Office, null),
            ProposalState.Closed when publicationPending => new(WaitingRole.Office, null),
            ProposalState.InProgress when sectionId is not null => new(WaitingRole.Section, sectionId),
            ProposalState.Drafted or ProposalState.Reopened when lead && sectionId is not null => new(WaitingRole.Section, sectionId),
            ProposalState.UnderReview when lead && sectionId is not null => new(WaitingRole.DeputyInCharge, sectionId),
            ProposalState.AwaitingSignOff when lead => new(WaitingRole.Signer, null),
            _ => Nobody,
        };
    }

    /// <summary>Whether a signed reply of the current round waits to be published and may be (主办 only).</summary>
    public static bool PublicationPending(Proposal proposal) =>
        proposal.Role == HandlingRole.Lead
        && proposal.CurrentReply is { IsSigned: true, IsPublished: false } reply
        && reply.Disclosure != Disclosure.Withhold;

    /// <summary>Whether the item waits for <paramref name="actor"/> (a key item waits for the director, not the delegate).</summary>
    public bool Includes(Actor actor, bool isKey)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Role switch
        {
            WaitingRole.Office => actor.Has(Organization.StaffRoles.Office),
            WaitingRole.Section => actor.Has(Organization.StaffRoles.SectionStaff) && actor.SectionId == SectionId,
            WaitingRole.DeputyInCharge => actor.Has(Organization.StaffRoles.DeputyDirector)
                && SectionId is { } section && actor.OverseenSections.Contains(section),
            WaitingRole.Signer => actor.Has(Organization.StaffRoles.Director) || (actor.IsSignOffDelegate && !isKey),
            _ => false,
        };
    }

    /// <summary>
    /// What the role waited for is expected to do next on an item in <paramref name="state"/>: the steps 我的待办 names.
    /// Once the 征询意见 window has ended (<paramref name="evaluationWindowEnded"/>), a replied item nobody answered is
    /// the Office's to close as 未反馈, besides entering a late paper form.
    /// </summary>
    public IReadOnlyList<WorkflowStep> ExpectedSteps(HandlingRole role, ProposalState state, bool sectionSet, bool publicationPending,
        bool evaluationWindowEnded = false)
    {
        var lead = role == HandlingRole.Lead;
        return (Role, state) switch
        {
            (WaitingRole.Section, ProposalState.InProgress) => [lead ? WorkflowStep.SaveDraft : WorkflowStep.SendOpinion],
            (WaitingRole.Section, ProposalState.Drafted) => [WorkflowStep.SubmitForReview],
            (WaitingRole.Section, ProposalState.Reopened) => [WorkflowStep.ResumeHandling],
            (WaitingRole.DeputyInCharge, _) => [WorkflowStep.ApproveReview],
            (WaitingRole.Signer, _) => [WorkflowStep.SignOff],
            (WaitingRole.Office, ProposalState.Registered) => [WorkflowStep.Accept],
            (WaitingRole.Office, ProposalState.Accepted) => [sectionSet ? WorkflowStep.StartHandling : WorkflowStep.SetResponsibility],
            (WaitingRole.Office, ProposalState.ReturnRequested) => [WorkflowStep.ApproveReturn, WorkflowStep.RejectReturn],
            (WaitingRole.Office, ProposalState.Replied) when evaluationWindowEnded =>
                [.. Publish(publicationPending), WorkflowStep.RecordEvaluation, WorkflowStep.Close],
            (WaitingRole.Office, ProposalState.Replied) => [.. Publish(publicationPending), WorkflowStep.RecordEvaluation],
            (WaitingRole.Office, ProposalState.Evaluated) => [.. Publish(publicationPending), WorkflowStep.Close],
            (WaitingRole.Office, ProposalState.OpinionSent) => [WorkflowStep.Close],
            (WaitingRole.Office, ProposalState.Closed) => [.. Publish(publicationPending)],
            _ => [],
        };
    }

    private static WorkflowStep[] Publish(bool pending) => pending ? [WorkflowStep.Publish] : [];
}
