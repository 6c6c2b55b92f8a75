namespace ProposalPortal.Domain.Notices;

public enum NoticeKind
{
    /// <summary>催办 from the Office or a leader.</summary>
    Chase,
    /// <summary>The item's deadline is near.</summary>
    DueSoon,
    /// <summary>The item's deadline has passed.</summary>
    Overdue,
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

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}
