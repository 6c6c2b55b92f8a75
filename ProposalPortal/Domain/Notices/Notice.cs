namespace ProposalPortal.Domain.Notices;

public enum NoticeKind
{
    /// <summary>催办 from the Office or a leader.</summary>
    Chase,
    /// <summary>The item's deadline is near.</summary>
    DueSoon,
    /// <summary>The item's deadline has passed.</summary>
    Overdue,
    /// <summary>五定 made the person the item's handler: it is theirs to handle.</summary>
    Assigned,
    /// <summary>Review or sign-off sent the draft back to the handler, with the comment.</summary>
    SentBack,
    /// <summary>A draft waits for the deputy director in charge to review it.</summary>
    AwaitingReview,
    /// <summary>A reviewed draft waits for the director (or the delegate) to sign it off.</summary>
    AwaitingSignOff,
    /// <summary>A proposer evaluated the reply 不满意.</summary>
    Unsatisfied,
    /// <summary>A promise (跟踪问效) made in a reply is coming due.</summary>
    CommitmentDue,
}

/// <summary>A message to one person about one item: the bell in the app bar counts the unread ones.</summary>
public sealed class Notice
{
    private Notice()
    {
        Text = string.Empty;
    }

    public Notice(int recipientId, int proposalId, NoticeKind kind, string text, DateTimeOffset createdAt)
    {
        RecipientId = recipientId;
        ProposalId = proposalId;
        Kind = kind;
        Text = text;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public int RecipientId { get; private set; }
    public int ProposalId { get; private set; }
    public NoticeKind Kind { get; private set; }
    public string Text { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    /// <summary>
    /// When the outbox worker turned this notice into messages for the person's channels (email, group robot), or
    /// found none to send. Null until then: the worker's to-do list, so a notice written by any step or job, on any
    /// node, reaches the channels once.
    /// </summary>
    public DateTimeOffset? RelayedAt { get; private set; }

    public void MarkRelayed(DateTimeOffset at) => RelayedAt ??= at;

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}

public static class NoticeKinds
{
    /// <summary>The kind's name as the bell, the mail subject and the group robot show it.</summary>
    public static string ToChinese(this NoticeKind kind) => kind switch
    {
        NoticeKind.Chase => "催办",
        NoticeKind.DueSoon => "临期",
        NoticeKind.Overdue => "超期",
        NoticeKind.Assigned => "交办",
        NoticeKind.SentBack => "退回",
        NoticeKind.AwaitingReview => "待审核",
        NoticeKind.AwaitingSignOff => "待签发",
        NoticeKind.Unsatisfied => "不满意",
        NoticeKind.CommitmentDue => "落实到期",
        _ => kind.ToString(),
    };
}
