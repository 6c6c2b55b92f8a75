using Microsoft.AspNetCore.Components;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>Whether a step asks for a comment.</summary>
public enum CommentRequirement
{
    None,
    Optional,
    Required,
}

public partial class CommentDialog
{
    private string? _comment;

    /// <summary>What the step does, in a sentence the user confirms.</summary>
    [Parameter]
    public string? Prompt { get; set; }

    [Parameter]
    public CommentRequirement Requirement { get; set; }

    [Parameter]
    public string CommentLabel { get; set; } = "意见";

    [Parameter]
    public string RequiredError { get; set; } = "请填写意见";

    /// <summary>
    /// How each step is asked: the prompt, and whether and how a comment is asked for. <paramref name="assigningOffice"/>
    /// is the office a return is asked of (Portal:AssigningOffice).
    /// </summary>
    public static (string Prompt, CommentRequirement Requirement, string Label, string RequiredError) Describe(WorkflowStep step, string assigningOffice) => step switch
    {
        WorkflowStep.Accept => ("确认签收本件?", CommentRequirement.None, "", ""),
        WorkflowStep.RequestReturn => ($"向{assigningOffice}申请退回本件,须写明理由。", CommentRequirement.Required, "申请退回理由", "请填写申请退回理由"),
        WorkflowStep.ApproveReturn => ("确认本件已同意退回(本件将不再由本局办理)?", CommentRequirement.Optional, "说明(可选)", ""),
        WorkflowStep.RejectReturn => ("退回申请未获同意,本件回到「已签收」。", CommentRequirement.Optional, "说明(可选)", ""),
        WorkflowStep.StartHandling => ("五定已落实,确认开始办理?", CommentRequirement.None, "", ""),
        WorkflowStep.SubmitForReview => ("将答复稿送分管副局长审核?", CommentRequirement.None, "", ""),
        WorkflowStep.ApproveReview => ("审核通过,报局长签发。", CommentRequirement.Optional, "审核意见(可选)", ""),
        WorkflowStep.SendBackFromReview => ("退回承办科室修改,须写明修改意见。", CommentRequirement.Required, "修改意见", "请填写修改意见"),
        WorkflowStep.SignOff => ("签发后将编发文号,答复稿不能再修改。确认签发?", CommentRequirement.None, "", ""),
        WorkflowStep.SendBackFromSignOff => ("退回承办科室修改,须写明修改意见。", CommentRequirement.Required, "修改意见", "请填写修改意见"),
        WorkflowStep.ResumeHandling => ("按新的办理时限重新办理本件?", CommentRequirement.None, "", ""),
        WorkflowStep.Close => ("确认本件办结?", CommentRequirement.Optional, "办结说明(可选)", ""),
        WorkflowStep.Publish => ("在政府门户网站公开本件答复?", CommentRequirement.None, "", ""),
        WorkflowStep.Unpublish => ("将本件答复从公开页面撤下(立即生效),须写明理由。", CommentRequirement.Required, "撤销公开理由", "请填写撤销公开理由"),
        _ => (step.ToChinese(), CommentRequirement.Optional, "意见(可选)", ""),
    };

    protected override Task<StepResult> RunAsync()
    {
        var comment = string.IsNullOrWhiteSpace(_comment) ? null : _comment.Trim();
        return Step switch
        {
            WorkflowStep.SignOff => Runner.SignOffAsync(),
            _ => Runner.ExecuteAsync((p, actor, c) => Step switch
            {
                WorkflowStep.Accept => p.Accept(actor, c),
                WorkflowStep.RequestReturn => p.RequestReturn(actor, comment ?? string.Empty, c),
                WorkflowStep.ApproveReturn => p.ApproveReturn(actor, comment, c),
                WorkflowStep.RejectReturn => p.RejectReturn(actor, comment, c),
                WorkflowStep.StartHandling => p.StartHandling(actor, c),
                WorkflowStep.SubmitForReview => p.SubmitForReview(actor, c),
                WorkflowStep.ApproveReview => p.ApproveReview(actor, comment, c),
                WorkflowStep.SendBackFromReview => p.SendBackFromReview(actor, comment ?? string.Empty, c),
                WorkflowStep.SendBackFromSignOff => p.SendBackFromSignOff(actor, comment ?? string.Empty, c),
                WorkflowStep.ResumeHandling => p.ResumeHandling(actor, c),
                WorkflowStep.Close => p.Close(actor, comment, c),
                WorkflowStep.Publish => p.Publish(actor, c),
                WorkflowStep.Unpublish => p.Unpublish(actor, comment ?? string.Empty, c),
                _ => StepResult.Refused($"「{Step.ToChinese()}」不能在此办理"),
            }),
        };
    }
}
