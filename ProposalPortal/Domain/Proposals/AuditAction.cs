using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// What a line of an item's audit trail records: registration, each <see cref="WorkflowStep"/> under its own name, and
/// the letters the portal seals. Stored as its name (text), the same strings the column held before it was an enum, so
/// the sealed audit chain still verifies on an upgraded database: never rename a value. Chinese names:
/// <see cref="Labels.ToChinese(AuditAction)"/>.
/// </summary>
public enum AuditAction
{
    Register,
    Accept,
    RequestReturn,
    ApproveReturn,
    RejectReturn,
    SetResponsibility,
    StartHandling,
    ExtendDeadline,
    LogCommunication,
    SaveDraft,
    SubmitForReview,
    ApproveReview,
    SendBackFromReview,
    SignOff,
    SendBackFromSignOff,
    RecordEvaluation,
    ResumeHandling,
    Close,
    SendOpinion,
    Publish,
    Unpublish,
    AddCommitment,
    UpdateCommitment,
    AddAttachment,
    Chase,
    JoinGroup,
    IssueLetter,
    ReissueLetter,
    CorrectRegistration,
}

public static class AuditActions
{
    /// <summary>The audit action a workflow step writes: the value of the same name.</summary>
    public static AuditAction Of(WorkflowStep step) => Enum.Parse<AuditAction>(step.ToString());

    /// <summary>The step an action records, if it records one (not registration or a sealed letter).</summary>
    public static WorkflowStep? Step(this AuditAction action) =>
        Enum.TryParse<WorkflowStep>(action.ToString(), out var step) ? step : null;
}
