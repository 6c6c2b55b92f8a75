namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// A file kept with an item (the assignment scan, research notes, a paper evaluation form). The bytes live in the
/// attachment store outside the web root under <see cref="StoredName"/>; only people who may see the item get them.
/// </summary>
public sealed class Attachment
{
    private Attachment()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        StoredName = string.Empty;
    }

    internal Attachment(string fileName, string contentType, long size, string storedName, int uploadedById, DateTimeOffset uploadedAt)
    {
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        StoredName = storedName;
        UploadedById = uploadedById;
        UploadedAt = uploadedAt;
    }

    public int Id { get; private set; }

    /// <summary>The name the user uploaded it under (shown, never used as a path).</summary>
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Size { get; private set; }

    /// <summary>The store's random name for the bytes.</summary>
    public string StoredName { get; private set; }
    public int UploadedById { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
}
