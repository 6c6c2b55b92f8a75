using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Statistics;

/// <summary>
/// The few facts of one item that the figures need. The statistics service projects them from the database in one
/// query, so the rules below stay plain C# and fast over a whole year. The satisfactions are the item's results (its
/// proposers' answers combined by the configured <see cref="SatisfactionRule"/>); <see cref="NoFeedback"/> marks a lead
/// item closed as 未反馈, which has no final result.
/// </summary>
public sealed record ProposalFacts(
    int Id,
    ProposalKind Kind,
    Level Level,
    HandlingRole Role,
    ProposalState State,
    bool IsKey,
    DateOnly? Deadline,
    DateOnly? ClosedOn,
    int? SectionId,
    ResultCategory? Category,
    bool ReplySigned,
    bool Published,
    Satisfaction? FirstSatisfaction,
    Satisfaction? FinalSatisfaction,
    bool HasFaceToFace,
    bool DeadlineStepDone,
    bool NoFeedback = false)
{
    public string SourceName => Labels.SourceName(Level, Kind);
}
