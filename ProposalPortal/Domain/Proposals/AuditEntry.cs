namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// One line of the append-only audit trail: who did what to which item, when, from which state to which,
/// with what comment. Never updated or deleted (the database refuses it too).
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        ActorName = string.Empty;
    }

    internal AuditEntry(DateTimeOffset at, int? actorId, string actorName, AuditAction action, ProposalState? from,
        ProposalState? to, string? comment)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        FromState = from;
        ToState = to;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    public long Id { get; private set; }
    public int ProposalId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int? ActorId { get; private set; }
    public string ActorName { get; private set; }

    /// <summary>What was done; stored as its name, e.g. "SignOff".</summary>
    public AuditAction Action { get; private set; }
    public ProposalState? FromState { get; private set; }
    public ProposalState? ToState { get; private set; }
    public string? Comment { get; private set; }
}
