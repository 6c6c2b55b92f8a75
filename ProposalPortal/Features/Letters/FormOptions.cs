namespace ProposalPortal.Features.Letters;

/// <summary>What the file's forms (交办通知单, 签批单, 回执) print beyond the item's own data. Bound from "Forms".</summary>
public sealed class FormOptions
{
    public const string SectionName = "Forms";

    /// <summary>
    /// 办理要求 printed on every 交办通知单, one requirement a line: the bureau's own rules for the sections (a line break in
    /// the setting starts a new line on the form).
    /// </summary>
    public string NoticeRequirements { get; set; } = string.Join("\n",
        "1.坚持“先沟通后答复”，做好办前联系、办中协商、办后回访；重点提案须与提出人当面协商。",
        "2.答复函按公文格式拟稿，经分管领导审核、主要领导签发后答复，并抄送有关单位。",
        "3.答复中承诺的事项须列明措施和时限，跟踪落实。",
        "4.不能按期办结的，须在期限届满前说明理由，经办公室报批延期。");
}
