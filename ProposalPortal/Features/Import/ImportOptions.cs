namespace ProposalPortal.Features.Import;

/// <summary>
/// How much an uploaded .xlsx may unpack to. An .xlsx is a zip: a 57 KB file once expanded to 20 MB of sheet XML and
/// raised the server's memory by 500 MB. Bound from "Import".
/// </summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>The most all parts of an .xlsx may hold once unpacked, in bytes (default 16 MB; a 2,000-row list is about 3 MB).</summary>
    public long MaxExpandedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The most a part larger than 1 MB may shrink by in the zip (unpacked ÷ packed; default 100). Real sheets pack
    /// 5 to 20 times; a zip bomb packs hundreds of times.
    /// </summary>
    public int MaxCompressionRatio { get; set; } = 100;
}
