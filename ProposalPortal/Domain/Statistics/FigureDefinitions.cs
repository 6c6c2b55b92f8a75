namespace ProposalPortal.Domain.Statistics;

/// <summary>
/// How each figure of DOMAIN.md is counted, in the words the statistics page shows on hover and the export writes
/// beside the number. They describe <see cref="FigureRules"/>; change both together.
/// </summary>
public static class FigureDefinitions
{
    public const string Received = "本年交办给本局的全部建议提案件数（主办+协办），不含已退回件";
    public const string Lead = "本局作为主办单位、须直接答复提出人的件数";
    public const string Assisting = "本局作为协办单位、向主办单位提出协办意见的件数";
    public const string CompletionRate = "办结率 = 已办结的主办件 ÷ 主办件";
    public const string OnTimeRate = "按时办结率 = 在办理时限当日或之前办结的主办件 ÷ 主办件";
    public const string FinalSatisfaction = "满意率（最终）= 最终评价为满意{0}的主办件 ÷ 已评价的主办件；不满意后重新办理的，以重新办理后的评价为准；多名提出人的，按办理规则合成一件的评价；未反馈件不计入";
    public const string FirstSatisfaction = "初次满意率 = 首轮评价为满意{0}的主办件 ÷ 首轮已评价的主办件；重新办理不改变首轮结果";
    public const string PublicationRate = "公开率 = 已在政府门户网站公开的答复 ÷ 已签发的主办件答复";
    public const string FaceToFaceRate = "见面率 = 有当面商谈、实地走访或座谈会记录的主办件 ÷ 主办件";
    public const string KeyItems = "被人大、政协确定为重点督办的件数";
    public const string Overdue = "超期：今天已过办理时限，而时限所对应的办理环节（答复、送协办意见或办结）尚未完成";
    public const string DueSoon = "临期：距办理时限不超过规定天数（含紧急）且尚未完成";
    public const string Returned = "经申请退回市政府、不再由本局办理的件数，不计入以上各项";
    public const string YearOverYear = "本年收到件数与上一年相比，两年均不含已退回件";
    public const string NoFeedback = "未反馈：征询意见期满，提出人未对答复作出评价而办结的主办件，不计入满意率";
    public const string Categories = "已签发答复的办理类别：A 已解决或基本解决；B 正在解决或已列入计划；C 因条件限制需以后解决；D 留作参考";

    /// <summary>The satisfaction definitions name what counts as satisfied, which is a setting.</summary>
    public static string Satisfaction(string template, StatisticsOptions options) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, template,
            options.SatisfactionCountsBasicallySatisfied ? "或基本满意" : "（不含基本满意）");
}
