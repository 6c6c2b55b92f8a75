namespace ProposalPortal.Domain.Proposals;

/// <summary>The optional detailed ratings of an evaluation: 办理态度, 答复内容, 落实情况.</summary>
public sealed record EvaluationRatings(Satisfaction? Attitude, Satisfaction? Substance, Satisfaction? FollowThrough)
{
    public static EvaluationRatings None { get; } = new(null, null, null);

    /// <summary>
    /// The dimensions' Chinese names, in the order of the properties: what the online form, the Office's entry of a paper
    /// form and the printed 征询意见表 ask, so that a paper answer goes in field for field.
    /// </summary>
    public static IReadOnlyList<string> DimensionNames { get; } = ["办理态度", "答复内容", "落实情况"];
}

/// <summary>
/// One proposer's verdict on one round's reply. Round 1 is the first-round result, kept after re-handling.
/// Each proposer has at most one per round; changing the answer while the window is open updates it (the audit trail
/// keeps every answer given).
/// </summary>
public sealed class Evaluation
{
    private Evaluation()
    {
    }

    internal Evaluation(int round, int? proposerId, Satisfaction satisfaction, string? comment, EvaluationRatings ratings,
        bool enteredByStaff, int? recordedById, int? formAttachmentId, DateTimeOffset recordedAt)
    {
        Round = round;
        ProposerId = proposerId;
        Change(satisfaction, comment, ratings, enteredByStaff, recordedById, formAttachmentId, recordedAt);
    }

    public int Id { get; private set; }
    public int Round { get; private set; }

    /// <summary>Whose answer it is; null only for answers recorded before evaluations were kept per proposer.</summary>
    public int? ProposerId { get; private set; }
    public Satisfaction Satisfaction { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>办理态度.</summary>
    public Satisfaction? Attitude { get; private set; }

    /// <summary>答复内容.</summary>
    public Satisfaction? Substance { get; private set; }

    /// <summary>落实情况.</summary>
    public Satisfaction? FollowThrough { get; private set; }

    /// <summary>True when the Office typed it in from a paper form rather than the proposer answering online.</summary>
    public bool EnteredByStaff { get; private set; }
    public int? RecordedById { get; private set; }

    /// <summary>The scanned paper form (an attachment of the item), when the Office entered it.</summary>
    public int? FormAttachmentId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    internal void Change(Satisfaction satisfaction, string? comment, EvaluationRatings ratings, bool enteredByStaff,
        int? recordedById, int? formAttachmentId, DateTimeOffset recordedAt)
    {
        Satisfaction = satisfaction;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Attitude = ratings.Attitude;
        Substance = ratings.Substance;
        FollowThrough = ratings.FollowThrough;
        EnteredByStaff = enteredByStaff;
        RecordedById = recordedById;
        FormAttachmentId = formAttachmentId;
        RecordedAt = recordedAt;
    }
}
