using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Domain.Proposals;

/// <summary>The Chinese names the UI, the letters and the refusals use. One place, so every screen says the same.</summary>
public static class Labels
{
    public static string ToChinese(this ProposalState state) => state switch
    {
        ProposalState.Registered => "已登记",
        ProposalState.Accepted => "已签收",
        ProposalState.ReturnRequested => "申请退回",
        ProposalState.Returned => "已退回",
        ProposalState.InProgress => "办理中",
        ProposalState.Drafted => "已拟稿",
        ProposalState.UnderReview => "待审核",
        ProposalState.AwaitingSignOff => "待签发",
        ProposalState.Replied => "已答复",
        ProposalState.Evaluated => "已评价",
        ProposalState.Reopened => "重新办理",
        ProposalState.OpinionSent => "已送协办意见",
        ProposalState.Closed => "已办结",
        _ => state.ToString(),
    };

    public static string ToChinese(this WorkflowStep step) => step switch
    {
        WorkflowStep.Accept => "签收",
        WorkflowStep.RequestReturn => "申请退回",
        WorkflowStep.ApproveReturn => "确认退回",
        WorkflowStep.RejectReturn => "不同意退回",
        WorkflowStep.SetResponsibility => "落实五定",
        WorkflowStep.StartHandling => "开始办理",
        WorkflowStep.ExtendDeadline => "延期",
        WorkflowStep.LogCommunication => "登记沟通",
        WorkflowStep.SaveDraft => "拟稿",
        WorkflowStep.SubmitForReview => "送审",
        WorkflowStep.ApproveReview => "审核通过",
        WorkflowStep.SendBackFromReview => "审核退回",
        WorkflowStep.SignOff => "签发",
        WorkflowStep.SendBackFromSignOff => "签发退回",
        WorkflowStep.RecordEvaluation => "登记评价",
        WorkflowStep.ResumeHandling => "重新办理",
        WorkflowStep.Close => "办结",
        WorkflowStep.SendOpinion => "送协办意见",
        WorkflowStep.Publish => "公开",
        WorkflowStep.Unpublish => "撤销公开",
        WorkflowStep.AddCommitment => "登记落实事项",
        WorkflowStep.UpdateCommitment => "更新落实进度",
        WorkflowStep.AddAttachment => "上传附件",
        WorkflowStep.Chase => "催办",
        WorkflowStep.JoinGroup => "并案办理",
        WorkflowStep.CorrectRegistration => "更正登记",
        _ => step.ToString(),
    };

    /// <summary>
    /// The audit trail's name for what was done, wherever a trail is shown (the item's timeline, the boards' activity,
    /// the refusal of a concurrent save): a step's own name, its own wording where the trade names the event differently
    /// from the button (退回申请未获同意), and three that are not steps.
    /// </summary>
    public static string ToChinese(this AuditAction action) => action switch
    {
        AuditAction.Register => "登记",
        AuditAction.IssueLetter => "生成签章答复函",
        AuditAction.ReissueLetter => "重新签章答复函",
        // The Office's button says 不同意退回; what happened to the item reads as the trade says it.
        AuditAction.RejectReturn => "退回申请未获同意",
        _ when action.Step() is { } step => step.ToChinese(),
        _ => action.ToString(),
    };

    public static string ToChinese(this DeadlineLevel level) => level switch
    {
        DeadlineLevel.Done => "已完成",
        DeadlineLevel.Normal => "正常",
        DeadlineLevel.DueSoon => "临期",
        DeadlineLevel.Urgent => "紧急",
        DeadlineLevel.Overdue => "超期",
        _ => level.ToString(),
    };

    public static string ToChinese(this ProposalKind kind) => kind == ProposalKind.Suggestion ? "人大代表建议" : "政协委员提案";

    /// <summary>How the proposer is addressed: 代表 for deputies, 委员 for members.</summary>
    public static string ProposerTitle(this ProposalKind kind) => kind == ProposalKind.Suggestion ? "代表" : "委员";

    /// <summary>建议 or 提案, as in 第199号提案.</summary>
    public static string ShortName(this ProposalKind kind) => kind == ProposalKind.Suggestion ? "建议" : "提案";

    public static string ToChinese(this Level level) => level == Level.Prefecture ? "州" : "市";

    public static string ToChinese(this HandlingRole role) => role == HandlingRole.Lead ? "主办" : "协办";

    /// <summary>The source as the assignment lists and the summary name it: 州人大, 州政协, 市人大, 市政协.</summary>
    public static string SourceName(Level level, ProposalKind kind) => (level, kind == ProposalKind.Suggestion) switch
    {
        // Constants, not a string made per call: the year's figures ask this of each of 10,000 items eight times.
        (Level.Prefecture, true) => "州人大",
        (Level.Prefecture, false) => "州政协",
        (_, true) => "市人大",
        (_, false) => "市政协",
    };

    public static string ToChinese(this Satisfaction satisfaction) => satisfaction switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        Satisfaction.Unsatisfied => "不满意",
        _ => satisfaction.ToString(),
    };

    public static string ToChinese(this CommunicationStage stage) => stage switch
    {
        CommunicationStage.Before => "办前联系",
        CommunicationStage.During => "办中协商",
        CommunicationStage.After => "办后回访",
        _ => stage.ToString(),
    };

    public static string ToChinese(this CommunicationMethod method) => method switch
    {
        CommunicationMethod.Phone => "电话",
        CommunicationMethod.FaceToFace => "当面商谈",
        CommunicationMethod.SiteVisit => "实地走访",
        CommunicationMethod.Meeting => "座谈会",
        CommunicationMethod.Letter => "书面",
        _ => method.ToString(),
    };

    public static string ToChinese(this ResultCategory category) => category switch
    {
        ResultCategory.A => "A类（所提问题已经解决或基本解决）",
        ResultCategory.B => "B类（正在解决或已列入计划逐步解决）",
        ResultCategory.C => "C类（因条件限制或其他原因需以后解决）",
        ResultCategory.D => "D类（留作参考）",
        _ => category.ToString(),
    };

    public static string ToChinese(this Disclosure disclosure) => disclosure switch
    {
        Disclosure.Publish => "公开",
        Disclosure.PublishSummary => "摘要公开",
        Disclosure.Withhold => "不予公开",
        _ => disclosure.ToString(),
    };

    public static string ToChinese(this CommitmentStatus status) => status switch
    {
        CommitmentStatus.Open => "未开始",
        CommitmentStatus.InProgress => "推进中",
        CommitmentStatus.Done => "已落实",
        CommitmentStatus.Dropped => "已取消",
        _ => status.ToString(),
    };

    public static string ToChinese(this StaffRoles role) => role switch
    {
        StaffRoles.Director => "局长",
        StaffRoles.DeputyDirector => "分管副局长",
        StaffRoles.Office => "办公室",
        StaffRoles.SectionStaff => "科室人员",
        StaffRoles.Admin => "系统管理员",
        _ => string.Join("、", Enum.GetValues<StaffRoles>().Where(r => r != StaffRoles.None && role.HasFlag(r)).Select(r => r.ToChinese())),
    };
}
