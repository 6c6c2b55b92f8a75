namespace ProposalPortal.Domain.Workflow;

/// <summary>Every step a user can take on an item. <see cref="ProposalWorkflow"/> decides whether it is allowed.</summary>
public enum WorkflowStep
{
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

    /// <summary>更正登记: the Office corrects what was registered, giving a reason.</summary>
    CorrectRegistration,
}
