namespace ProposalPortal.Domain.Proposals;

/// <summary>Whether the record is a reply letter to the proposer (主办) or an opinion to the lead unit (协办).</summary>
public enum ReplyKind
{
    Letter,
    Opinion,
}

/// <summary>What the section writes; the reply keeps it until sign-off freezes it.</summary>
public sealed record ReplyDraft(
    ResultCategory? Category,
    Disclosure? Disclosure,
    string? DisclosureReason,
    string Body,
    string? ContactLines,
    string? CcList,
    string? PublicSummary = null);

/// <summary>
/// 答复 / 复文: one version of the reply to an item. A new handling round (after 不满意) starts a new reply;
/// the first-round reply is kept.
/// </summary>
public sealed class Reply
{
    private Reply()
    {
        Body = string.Empty;
    }

    internal Reply(ReplyKind kind, int round, ReplyDraft draft, int draftedById, DateTimeOffset now, string? wordFile = null)
    {
        Kind = kind;
        Round = round;
        Body = string.Empty;
        Apply(draft, draftedById, now, wordFile);
    }

    private readonly List<DraftVersion> _versions = [];

    public int Id { get; private set; }
    public ReplyKind Kind { get; private set; }

    /// <summary>1 for the first handling, 2 after re-handling.</summary>
    public int Round { get; private set; }

    public ResultCategory? Category { get; private set; }
    public Disclosure? Disclosure { get; private set; }
    public string? DisclosureReason { get; private set; }
    public string Body { get; private set; }

    /// <summary>联系单位、联系人、联系电话, printed under the letter.</summary>
    public string? ContactLines { get; private set; }

    /// <summary>抄送.</summary>
    public string? CcList { get; private set; }

    /// <summary>What the public pages show when <see cref="Disclosure"/> is PublishSummary.</summary>
    public string? PublicSummary { get; private set; }

    public int DraftedById { get; private set; }
    public DateTimeOffset DraftedAt { get; private set; }
    public int? ReviewedById { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public int? SignedById { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }

    /// <summary>发文字号, e.g. 楚市发改复〔2022〕12号; set at sign-off.</summary>
    public string? DocumentNumber { get; private set; }
    public int? DocumentYear { get; private set; }
    public int? DocumentSerial { get; private set; }
    public DateOnly? IssuedOn { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>How many drafts were saved: the number of the latest <see cref="DraftVersion"/>.</summary>
    public int VersionCount { get; private set; }

    /// <summary>
    /// The versions saved in this load of the item: new ones are added here and stored with the save. The item is loaded
    /// without its earlier versions (they can be long); the versions page reads them from the database.
    /// </summary>
    public IReadOnlyList<DraftVersion> Versions => _versions;

    public bool IsSigned => SignedAt is not null;
    public bool IsPublished => PublishedAt is not null;

    internal void Apply(ReplyDraft draft, int draftedById, DateTimeOffset now, string? wordFile = null)
    {
        Category = draft.Category;
        Disclosure = draft.Disclosure;
        DisclosureReason = string.IsNullOrWhiteSpace(draft.DisclosureReason) ? null : draft.DisclosureReason.Trim();
        Body = draft.Body.Trim();
        ContactLines = draft.ContactLines?.Trim();
        CcList = draft.CcList?.Trim();
        PublicSummary = string.IsNullOrWhiteSpace(draft.PublicSummary) ? null : draft.PublicSummary.Trim();
        DraftedById = draftedById;
        DraftedAt = now;
        // Any change after review voids the review: the deputy must see what is signed.
        ReviewedById = null;
        ReviewedAt = null;
        // Every save is kept as a version, so that review's changes can be compared afterwards.
        VersionCount++;
        _versions.Add(new DraftVersion(VersionCount, Body, Category, draftedById, now, wordFile));
    }

    internal void MarkReviewed(int reviewerId, DateTimeOffset now)
    {
        ReviewedById = reviewerId;
        ReviewedAt = now;
    }

    internal void MarkSigned(int signerId, DocumentNumber number, DateOnly issuedOn, DateTimeOffset now)
    {
        SignedById = signerId;
        SignedAt = now;
        DocumentNumber = number.ToString();
        DocumentYear = number.Year;
        DocumentSerial = number.Serial;
        IssuedOn = issuedOn;
    }

    internal void MarkIssued(DateOnly issuedOn, DateTimeOffset now)
    {
        IssuedOn = issuedOn;
        SignedAt ??= now;
    }

    internal void MarkPublished(DateTimeOffset now) => PublishedAt = now;

    /// <summary>Taken down from the public pages; the reason stays in the audit trail.</summary>
    internal void MarkUnpublished() => PublishedAt = null;
}
