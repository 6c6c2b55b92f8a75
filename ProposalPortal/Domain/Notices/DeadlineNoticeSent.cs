namespace ProposalPortal.Domain.Notices;

/// <summary>The deadline thresholds the monitor tells handlers about, once each.</summary>
public enum DeadlineThreshold
{
    /// <summary>The reply or opinion deadline is near (临期, including urgent).</summary>
    DueSoon,
    /// <summary>The reply or opinion deadline has passed (超期).</summary>
    Overdue,
    /// <summary>办前联系: the working days for the first contact with the proposer have passed with none logged.</summary>
    FirstContactOverdue,
    /// <summary>A promise (跟踪问效) of the item falls due within the configured days; the date is the promise's.</summary>
    CommitmentDueSoon,
}

/// <summary>
/// That the handler was told an item crossed a threshold for a given deadline date. Unique per item, threshold and
/// date, so a restart or a second monitor never tells them twice, while an extended or reopened deadline gets its
/// own notices.
/// </summary>
public sealed class DeadlineNoticeSent
{
    private DeadlineNoticeSent()
    {
    }

    public DeadlineNoticeSent(int proposalId, DeadlineThreshold threshold, DateOnly deadline, DateTimeOffset sentAt)
    {
        ProposalId = proposalId;
        Threshold = threshold;
        Deadline = deadline;
        SentAt = sentAt;
    }

    public long Id { get; private set; }
    public int ProposalId { get; private set; }
    public DeadlineThreshold Threshold { get; private set; }
    public DateOnly Deadline { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
}
