namespace ProposalPortal.Features.Proposals.Batch;

/// <summary>How much one batch may do. Bound from "Batch".</summary>
public sealed class BatchOptions
{
    public const string SectionName = "Batch";

    /// <summary>
    /// The most items one batch may act on (default 500). Each item is its own step and save within the one request, so
    /// "all N matching" over ten years would hold the request, and the database's writer, for minutes; above this the
    /// batch is refused whole and the Office narrows the filter.
    /// </summary>
    public int MaxItems { get; set; } = 500;
}
