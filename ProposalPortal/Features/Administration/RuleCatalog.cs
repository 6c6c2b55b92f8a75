using System.Globalization;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Administration;

/// <summary>How the 办理规则 page names and shows each rule of the three rule option classes.</summary>
public static class RuleCatalog
{
    /// <param name="Unit">个月, 个工作日, 天, 次; null for a switch.</param>
    /// <param name="Default">The code's default, as the page holds values ("3", "True").</param>
    /// <param name="Choices">For a rule that is one of a few named choices (an enum): each value with its Chinese name.</param>
    public sealed record Rule(string Label, string Key, string? Unit, string Default, Func<bool, string>? Switch = null,
        IReadOnlyList<(string Value, string Label)>? Choices = null)
    {
        public string SwitchText(bool on) => Switch?.Invoke(on) ?? (on ? "是" : "否");

        public string Show(string value) =>
            Choices is not null ? Choices.FirstOrDefault(c => c.Value == value).Label ?? value
            : Unit is null ? SwitchText(value == bool.TrueString) : $"{value} {Unit}";
    }

    public sealed record Group(string Title, IReadOnlyList<Rule> Rules);

    private static readonly DeadlineOptions D = new();
    private static readonly WorkflowOptions W = new();
    private static readonly StatisticsOptions S = new();

    public static readonly IReadOnlyList<Group> Groups =
    [
        new("办理时限",
        [
            Number("主办件答复时限（交办后）", DeadlineOptions.SectionName, nameof(D.LeadReplyMonths), "个月", D.LeadReplyMonths),
            Number("协办件向主办单位送协办意见时限（交办后）", DeadlineOptions.SectionName, nameof(D.AssistingOpinionMonths), "个月", D.AssistingOpinionMonths),
            Number("申请退回期限（交办后）", DeadlineOptions.SectionName, nameof(D.ReturnWindowWorkingDays), "个工作日", D.ReturnWindowWorkingDays),
            Number("办前联系期限（交办后）", DeadlineOptions.SectionName, nameof(D.FirstContactWorkingDays), "个工作日", D.FirstContactWorkingDays),
            Number("延期后的时限最晚不超过交办后", DeadlineOptions.SectionName, nameof(D.ExtensionCapMonths), "个月", D.ExtensionCapMonths),
            Number("不满意件重新办理时限", DeadlineOptions.SectionName, nameof(D.RehandlingMonths), "个月", D.RehandlingMonths),
            Number("临期提醒（距时限）", DeadlineOptions.SectionName, nameof(D.DueSoonDays), "天", D.DueSoonDays),
            Number("紧急提醒（距时限）", DeadlineOptions.SectionName, nameof(D.UrgentDays), "天", D.UrgentDays),
            Toggle("按月计算的时限遇节假日顺延至下一工作日（民法典第203条）", DeadlineOptions.SectionName, nameof(D.MoveToNextWorkingDay), D.MoveToNextWorkingDay),
        ]),
        new("办理流程",
        [
            Toggle("可选用 D 类（留作参考）", WorkflowOptions.SectionName, nameof(W.CategoryDEnabled), W.CategoryDEnabled),
            Number("不满意件最多重新办理次数", WorkflowOptions.SectionName, nameof(W.MaxReopenRounds), "次", W.MaxReopenRounds),
            Toggle("先沟通后答复：送审前须至少有一次与提出人的沟通记录", WorkflowOptions.SectionName, nameof(W.RequireCommunicationBeforeReview), W.RequireCommunicationBeforeReview),
            Toggle("重点提案送审前须当面协商（面商）", WorkflowOptions.SectionName, nameof(W.RequireFaceToFaceForKeyItems), W.RequireFaceToFaceForKeyItems),
            Choice("多名提出人评价不一时，本件的评价结果", WorkflowOptions.SectionName, nameof(W.SatisfactionRule), W.SatisfactionRule, r => r.ToChinese()),
        ]),
        new("统计口径",
        [
            Toggle("满意率计算口径", StatisticsOptions.SectionName, nameof(S.SatisfactionCountsBasicallySatisfied), S.SatisfactionCountsBasicallySatisfied,
                on => on ? "满意 + 基本满意" : "仅计满意"),
        ]),
    ];

    public static IEnumerable<Rule> All => Groups.SelectMany(g => g.Rules);

    /// <summary>The value in force as the page holds it: the configuration's text normalised, or the code's default.</summary>
    public static string Effective(Rule rule, string? raw) =>
        rule.Choices is { } choices ? choices.Select(c => c.Value).FirstOrDefault(v => string.Equals(v, raw?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? rule.Default
        : rule.Unit is null
        ? (bool.TryParse(raw, out var on) ? on.ToString() : rule.Default)
        : (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : rule.Default);

    private static Rule Number(string label, string section, string name, string unit, int @default) =>
        new(label, RuleSettingsService.Key(section, name), unit, @default.ToString(CultureInfo.InvariantCulture));

    private static Rule Choice<T>(string label, string section, string name, T @default, Func<T, string> text) where T : struct, Enum =>
        new(label, RuleSettingsService.Key(section, name), null, @default.ToString(), null,
            Enum.GetValues<T>().Select(v => (v.ToString(), text(v))).ToList());

    private static Rule Toggle(string label, string section, string name, bool @default, Func<bool, string>? text = null) =>
        new(label, RuleSettingsService.Key(section, name), null, @default.ToString(), text);
}
