namespace ProposalPortal.Domain.Proposals;

/// <summary>An approved extension: the deadline moved from one date to another, with the reason recorded.</summary>
public sealed class DeadlineExtension
{
    private DeadlineExtension()
    {
        Reason = string.Empty;
    }

    internal DeadlineExtension(DateOnly from, DateOnly to, string reason, int approvedById, DateTimeOffset approvedAt)
    {
        From = from;
        To = to;
        Reason = reason.Trim();
        ApprovedById = approvedById;
        ApprovedAt = approvedAt;
    }

    public int Id { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string Reason { get; private set; }
    public int ApprovedById { get; private set; }
    public DateTimeOffset ApprovedAt { get; private set; }
}
