namespace ProposalPortal.Features.Proposals.Attachments;

/// <summary>
/// Whether a file's first bytes are what its extension says (its "magic bytes"): HTML renamed to .pdf is refused,
/// because the download would otherwise carry a page under a trusted name. Types without a known signature are
/// let through as configured.
/// </summary>
public static class FileSignatures
{
    /// <summary>How many leading bytes the check needs.</summary>
    public const int HeaderBytes = 8192;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];                               // .docx, .xlsx (OOXML)
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];       // .doc, .xls

    /// <summary>The type's name in Chinese when <paramref name="header"/> does not match <paramref name="extension"/>; null when it matches.</summary>
    public static string? Mismatch(string extension, ReadOnlySpan<byte> header) => extension.ToLowerInvariant() switch
    {
        ".pdf" => header.StartsWith(Pdf) ? null : "PDF",
        ".png" => header.StartsWith(Png) ? null : "PNG 图片",
        ".jpg" or ".jpeg" => header.StartsWith(Jpeg) ? null : "JPEG 图片",
        ".docx" => header.StartsWith(Zip) ? null : "Word(.docx)",
        ".xlsx" => header.StartsWith(Zip) ? null : "Excel(.xlsx)",
        ".doc" => header.StartsWith(Ole) ? null : "Word(.doc)",
        ".xls" => header.StartsWith(Ole) ? null : "Excel(.xls)",
        ".txt" => IsText(header) ? null : "文本",
        _ => null,
    };

    // Text has no signature, but it has no NUL bytes either, unless it is UTF-16 with its byte-order mark.
    private static bool IsText(ReadOnlySpan<byte> header) =>
        header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || header.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || !header.Contains((byte)0);
}
