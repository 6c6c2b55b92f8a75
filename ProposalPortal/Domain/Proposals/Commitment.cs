namespace ProposalPortal.Domain.Proposals;

/// <summary>跟踪问效: a concrete measure promised in a reply, tracked until it is done ("杜绝重答复、轻落实").</summary>
public sealed class Commitment
{
    private Commitment()
    {
        Description = string.Empty;
    }

    internal Commitment(string description, int? ownerSectionId, string? ownerName, DateOnly dueOn)
    {
        Description = description.Trim();
        OwnerSectionId = ownerSectionId;
        OwnerName = ownerName;
        DueOn = dueOn;
        Status = CommitmentStatus.Open;
    }

    public int Id { get; private set; }
    public string Description { get; private set; }
    public int? OwnerSectionId { get; private set; }
    public string? OwnerName { get; private set; }
    public DateOnly DueOn { get; private set; }
    public CommitmentStatus Status { get; private set; }
    public string? Progress { get; private set; }
    public string? Evidence { get; private set; }
    public DateOnly? CompletedOn { get; private set; }

    /// <summary>Late: the due date has passed and the measure is neither done nor dropped.</summary>
    public bool IsLate(DateOnly today) => IsLate(Status, DueOn, today);

    /// <summary>The same for a promise read as its columns alone (the related replies read no whole commitment).</summary>
    public static bool IsLate(CommitmentStatus status, DateOnly dueOn, DateOnly today) =>
        status is CommitmentStatus.Open or CommitmentStatus.InProgress && today > dueOn;

    internal void Update(CommitmentStatus status, string? progress, string? evidence, DateOnly today)
    {
        Status = status;
        Progress = string.IsNullOrWhiteSpace(progress) ? Progress : progress.Trim();
        Evidence = string.IsNullOrWhiteSpace(evidence) ? Evidence : evidence.Trim();
        CompletedOn = status == CommitmentStatus.Done ? today : null;
    }
}
