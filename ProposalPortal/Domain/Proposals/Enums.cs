namespace ProposalPortal.Domain.Proposals;

/// <summary>人大代表建议 or 政协委员提案.</summary>
public enum ProposalKind
{
    /// <summary>人大代表建议: raised by a People's Congress deputy (代表).</summary>
    Suggestion,
    /// <summary>政协委员提案: raised by a CPPCC member (委员).</summary>
    Proposal,
}

/// <summary>Which congress or CPPCC the item came from.</summary>
public enum Level
{
    /// <summary>楚雄州 (the prefecture).</summary>
    Prefecture,
    /// <summary>楚雄市 (the city).</summary>
    City,
}

/// <summary>主办 (the bureau answers) or 协办 (the bureau sends its opinion to the lead unit).</summary>
public enum HandlingRole
{
    Lead,
    Assisting,
}

/// <summary>The workflow states of DOMAIN.md. Lead and assisting items use different subsets.</summary>
public enum ProposalState
{
    Registered,
    Accepted,
    ReturnRequested,
    Returned,
    InProgress,
    Drafted,
    UnderReview,
    AwaitingSignOff,
    Replied,
    Evaluated,
    Reopened,
    OpinionSent,
    Closed,
}

/// <summary>办理类别, printed at the top right of the reply.</summary>
public enum ResultCategory
{
    A,
    B,
    C,
    D,
}

/// <summary>The proposer's evaluation of a reply.</summary>
public enum Satisfaction
{
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}

/// <summary>办前联系 / 办中协商 / 办后回访.</summary>
public enum CommunicationStage
{
    Before,
    During,
    After,
}

/// <summary>How the bureau talked with the proposer. <see cref="FaceToFace"/>, <see cref="SiteVisit"/> and <see cref="Meeting"/> (a 座谈会 with the proposer) count as 面商.</summary>
public enum CommunicationMethod
{
    Phone,
    FaceToFace,
    SiteVisit,
    Meeting,
    Letter,
}

public enum CommitmentStatus
{
    Open,
    InProgress,
    Done,
    Dropped,
}

/// <summary>公开 / 不予公开 / 摘要公开.</summary>
public enum Disclosure
{
    Publish,
    PublishSummary,
    Withhold,
}
