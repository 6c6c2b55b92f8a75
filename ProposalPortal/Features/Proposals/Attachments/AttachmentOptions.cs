namespace ProposalPortal.Features.Proposals.Attachments;

/// <summary>Where uploaded files are kept and what is accepted. Bound from "Attachments".</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    /// <summary>The folder for uploaded files, outside the web root; relative paths are placed beside the app.</summary>
    public string Folder { get; set; } = "App_Data/attachments";

    /// <summary>The largest file accepted, in bytes (default 10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The file types accepted, by extension, separated by commas. A string rather than a list because the
    /// configuration binder appends a configured list to a default one instead of replacing it.
    /// </summary>
    public string AllowedExtensions { get; set; } = ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.txt";

    public IReadOnlyList<string> Extensions =>
        AllowedExtensions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
