using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Workflow;

/// <summary>Workflow rules that differ between places. Bound from "Rules:Workflow".</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Rules:Workflow";

    /// <summary>Whether category D (留作参考) may be chosen. Some places do not use it.</summary>
    public bool CategoryDEnabled { get; set; } = true;

    /// <summary>How many times 不满意 reopens an item. After that the result stands and the item can close.</summary>
    public int MaxReopenRounds { get; set; } = 1;

    /// <summary>"先沟通后答复": at least one logged communication before a draft goes to review.</summary>
    public bool RequireCommunicationBeforeReview { get; set; } = true;

    /// <summary>Key items (重点) need a face-to-face meeting (面商) before review.</summary>
    public bool RequireFaceToFaceForKeyItems { get; set; } = true;

    /// <summary>
    /// How the answers of several proposers make the item's one result (满意 / 基本满意 / 不满意), for reopening and for
    /// the figures. By default any 不满意 makes the item 不满意.
    /// </summary>
    public SatisfactionRule SatisfactionRule { get; set; } = SatisfactionRule.AnyUnsatisfied;

    /// <summary>What makes these rules unusable, in Chinese; empty when they are sound.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxReopenRounds is < 0 or > 5) yield return "不满意件重新办理次数须为0至5次";
        if (!Enum.IsDefined(SatisfactionRule)) yield return "多名提出人的评价结果规则无效";
    }
}
