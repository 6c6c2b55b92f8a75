namespace ProposalPortal.Domain.Statistics;

/// <summary>How the figures are counted. Bound from "Rules:Statistics".</summary>
public sealed class StatisticsOptions
{
    public const string SectionName = "Rules:Statistics";

    /// <summary>满意率 counts 满意 + 基本满意 (default) or 满意 only.</summary>
    public bool SatisfactionCountsBasicallySatisfied { get; set; } = true;
}
