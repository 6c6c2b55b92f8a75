namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// One saved version of a reply's draft: every 保存答复稿 adds one, so that what review changed can be seen afterwards
/// (the reply itself holds only the latest text). Numbered per reply from 1. Not loaded with the item: the versions page
/// reads them.
/// </summary>
public sealed class DraftVersion
{
    private DraftVersion()
    {
        Body = string.Empty;
    }

    internal DraftVersion(int number, string body, ResultCategory? category, int savedById, DateTimeOffset savedAt, string? wordFile)
    {
        Number = number;
        Body = body;
        Category = category;
        SavedById = savedById;
        SavedAt = savedAt;
        WordFile = string.IsNullOrWhiteSpace(wordFile) ? null : wordFile.Trim();
    }

    public int Id { get; private set; }
    public int ReplyId { get; private set; }

    /// <summary>1 for the reply's first saved draft, 2 for the next save, and so on.</summary>
    public int Number { get; private set; }

    public string Body { get; private set; }
    public ResultCategory? Category { get; private set; }
    public int SavedById { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }

    /// <summary>The .docx the body was taken from, when it came from Word (the OA system, WPS); null when typed.</summary>
    public string? WordFile { get; private set; }
}
