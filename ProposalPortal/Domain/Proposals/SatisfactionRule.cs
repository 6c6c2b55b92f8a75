namespace ProposalPortal.Domain.Proposals;

/// <summary>How the answers of an item's several proposers make its one result. Bound from "Rules:Workflow:SatisfactionRule".</summary>
public enum SatisfactionRule
{
    /// <summary>The least satisfied answer stands: any 不满意 makes the item 不满意 (the default).</summary>
    AnyUnsatisfied,

    /// <summary>The lead proposer's (领衔人) answer stands; the others are kept but do not decide.</summary>
    LeadProposer,

    /// <summary>The answer most proposers gave; a tie goes to the less satisfied answer.</summary>
    Majority,
}

/// <summary>The item's result from its proposers' answers of one round, by the configured rule.</summary>
public static class ItemSatisfaction
{
    /// <summary>
    /// The item's result from <paramref name="answers"/> (each proposer's answer, <c>IsLead</c> for the 领衔人); null when
    /// nobody answered yet, or, under <see cref="SatisfactionRule.LeadProposer"/>, while the lead proposer has not.
    /// </summary>
    public static Satisfaction? Of(SatisfactionRule rule, IReadOnlyCollection<(bool IsLead, Satisfaction Answer)> answers)
    {
        if (answers.Count == 0)
        {
            return null;
        }

        return rule switch
        {
            SatisfactionRule.LeadProposer => answers.Where(a => a.IsLead).Select(a => (Satisfaction?)a.Answer).FirstOrDefault(),
            // Satisfaction is ordered 满意 < 基本满意 < 不满意: the greater value is the less satisfied one.
            SatisfactionRule.Majority => answers.GroupBy(a => a.Answer)
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key,
            _ => answers.Max(a => a.Answer),
        };
    }

    /// <summary>The rule's name on the 办理规则 page.</summary>
    public static string ToChinese(this SatisfactionRule rule) => rule switch
    {
        SatisfactionRule.AnyUnsatisfied => "任一提出人不满意即为不满意",
        SatisfactionRule.LeadProposer => "以领衔人的评价为准",
        SatisfactionRule.Majority => "以多数提出人的评价为准（票数相同取较低评价）",
        _ => rule.ToString(),
    };
}

/// <summary>How a lead item was closed, as the item page and the figures tell them apart.</summary>
public enum ClosureKind
{
    /// <summary>The proposers answered and the result is 满意 or 基本满意.</summary>
    Evaluated,

    /// <summary>未反馈: no proposer answered the reply within the evaluation window.</summary>
    NoFeedback,

    /// <summary>Still 不满意 after the last round: closed with the Office's explanation.</summary>
    StillUnsatisfied,
}
