namespace ProposalPortal.Domain.Proposals;

/// <summary>The proposer's verdict on one round's reply. Round 1 is the first-round result, kept after re-handling.</summary>
public sealed class Evaluation
{
    private Evaluation()
    {
    }

    internal Evaluation(int round, Satisfaction satisfaction, string? comment, bool enteredByStaff, int? recordedById,
        DateTimeOffset recordedAt)
    {
        Round = round;
        Satisfaction = satisfaction;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        EnteredByStaff = enteredByStaff;
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public int Round { get; private set; }
    public Satisfaction Satisfaction { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>True when the Office typed it in from a paper form rather than the proposer answering online.</summary>
    public bool EnteredByStaff { get; private set; }
    public int? RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
}
