namespace ProposalPortal.Domain.Deadlines;

/// <summary>Deadline rules (DOMAIN.md "Deadlines (defaults)"). Bound from "Rules:Deadlines".</summary>
public sealed class DeadlineOptions
{
    public const string SectionName = "Rules:Deadlines";

    /// <summary>主办: months from assignment to the reply deadline.</summary>
    public int LeadReplyMonths { get; set; } = 3;

    /// <summary>协办: months from assignment until the opinion goes to the lead unit.</summary>
    public int AssistingOpinionMonths { get; set; } = 1;

    /// <summary>申请退回: working days after assignment in which a return may be requested.</summary>
    public int ReturnWindowWorkingDays { get; set; } = 5;

    /// <summary>办前联系: working days after assignment by which the proposer must be contacted.</summary>
    public int FirstContactWorkingDays { get; set; } = 15;

    /// <summary>延期: an extended deadline may be at most this many months after assignment.</summary>
    public int ExtensionCapMonths { get; set; } = 6;

    /// <summary>重新办理 after 不满意: months from reopening to the new deadline.</summary>
    public int RehandlingMonths { get; set; } = 1;

    /// <summary>征询意见: working days after the reply is issued in which the proposer may give or change their evaluation.</summary>
    public int EvaluationWorkingDays { get; set; } = 20;

    /// <summary>临期: calendar days before the deadline from which an item is due soon.</summary>
    public int DueSoonDays { get; set; } = 15;

    /// <summary>Calendar days before the deadline from which an item is urgent.</summary>
    public int UrgentDays { get; set; } = 7;

    /// <summary>
    /// Civil Code art. 203: when true, a month-based deadline that falls on a non-working day moves to the next
    /// working day. Off by default: local practice keeps the date where it falls.
    /// </summary>
    public bool MoveToNextWorkingDay { get; set; }

    /// <summary>What makes these rules unusable, in Chinese; empty when they are sound.</summary>
    public IEnumerable<string> Problems()
    {
        if (LeadReplyMonths is < 1 or > 12) yield return "主办件答复时限须为1至12个月";
        if (AssistingOpinionMonths is < 1 or > 12) yield return "协办意见时限须为1至12个月";
        if (AssistingOpinionMonths > LeadReplyMonths) yield return "协办意见时限不得晚于主办件答复时限";
        if (ReturnWindowWorkingDays is < 1 or > 30) yield return "申请退回期限须为1至30个工作日";
        if (FirstContactWorkingDays is < 1 or > 60) yield return "办前联系期限须为1至60个工作日";
        if (ExtensionCapMonths < LeadReplyMonths || ExtensionCapMonths > 24) yield return "延期上限须不短于主办件答复时限，且不超过24个月";
        if (RehandlingMonths is < 1 or > 12) yield return "重新办理时限须为1至12个月";
        if (DueSoonDays is < 1 or > 90) yield return "临期提醒须为距时限1至90天";
        if (UrgentDays < 0 || UrgentDays > DueSoonDays) yield return "紧急提醒天数须在0至临期提醒天数之间";
    }
}
