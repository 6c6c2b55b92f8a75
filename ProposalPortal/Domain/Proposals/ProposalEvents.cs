namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// Something that happened to an item, recorded by the aggregate with its audit entry and published only after the
/// save that stores it has committed (Data/DomainEventDispatcher). Carries the item itself: a new item has its id
/// only once saved.
/// </summary>
/// <param name="SectionBefore">The 承办科室 before the step (a 五定 may move the item to another section).</param>
public abstract record ProposalEvent(Proposal Proposal, AuditAction Action, string ActorName, DateTimeOffset At, int? SectionBefore)
{
    /// <summary>The sections whose people may hear of it: the section before and after the step.</summary>
    public IReadOnlyList<int> Sections =>
        new[] { SectionBefore, Proposal.Responsibility?.SectionId }.OfType<int>().Distinct().ToList();

    /// <summary>The event an audit entry stands for.</summary>
    internal static ProposalEvent For(Proposal proposal, AuditAction action, string actorName, DateTimeOffset at, int? sectionBefore,
        string? comment) =>
        action switch
        {
            AuditAction.Chase => new Chased(proposal, actorName, at, sectionBefore, comment ?? ""),
            AuditAction.IssueLetter or AuditAction.ReissueLetter => new LetterIssued(proposal, action, actorName, at, sectionBefore),
            AuditAction.RecordEvaluation => new EvaluationRecorded(proposal, actorName, at, sectionBefore),
            _ => new StepTaken(proposal, action, actorName, at, sectionBefore),
        };
}

/// <summary>A workflow step (or the registration) was taken.</summary>
public sealed record StepTaken(Proposal Proposal, AuditAction Action, string ActorName, DateTimeOffset At, int? SectionBefore)
    : ProposalEvent(Proposal, Action, ActorName, At, SectionBefore);

/// <summary>催办: the handler was chased, with the chaser's message.</summary>
public sealed record Chased(Proposal Proposal, string ActorName, DateTimeOffset At, int? SectionBefore, string Message)
    : ProposalEvent(Proposal, AuditAction.Chase, ActorName, At, SectionBefore);

/// <summary>A signed letter was issued, or reissued as a new version.</summary>
public sealed record LetterIssued(Proposal Proposal, AuditAction Action, string ActorName, DateTimeOffset At, int? SectionBefore)
    : ProposalEvent(Proposal, Action, ActorName, At, SectionBefore);

/// <summary>An evaluation (满意度) was recorded.</summary>
public sealed record EvaluationRecorded(Proposal Proposal, string ActorName, DateTimeOffset At, int? SectionBefore)
    : ProposalEvent(Proposal, AuditAction.RecordEvaluation, ActorName, At, SectionBefore);
