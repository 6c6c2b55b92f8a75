using Microsoft.AspNetCore.Components;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals.UseCases;

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
        WorkflowStep.Accept => ("确认签收本件？", CommentRequirement.None, "", ""),
        WorkflowStep.RequestReturn => ($"向{assigningOffice}申请退回本件，须写明理由。", CommentRequirement.Required, "申请退回理由", "请填写申请退回理由"),
        WorkflowStep.ApproveReturn => ("确认本件已同意退回（本件将不再由本局办理）？", CommentRequirement.Optional, "说明（可选）", ""),
        WorkflowStep.RejectReturn => ("退回申请未获同意，本件回到「已签收」。", CommentRequirement.Optional, "说明（可选）", ""),
        WorkflowStep.StartHandling => ("五定已落实，确认开始办理？", CommentRequirement.None, "", ""),
        WorkflowStep.SubmitForReview => ("将答复稿送分管副局长审核？", CommentRequirement.None, "", ""),
        WorkflowStep.ApproveReview => ("审核通过，报局长签发。", CommentRequirement.Optional, "审核意见（可选）", ""),
        WorkflowStep.SendBackFromReview => ("退回承办科室修改，须写明修改意见。", CommentRequirement.Required, "修改意见", "请填写修改意见"),
        WorkflowStep.SignOff => ("签发后将编发文号，答复稿不能再修改。确认签发？", CommentRequirement.None, "", ""),
        WorkflowStep.SendBackFromSignOff => ("退回承办科室修改，须写明修改意见。", CommentRequirement.Required, "修改意见", "请填写修改意见"),
        WorkflowStep.ResumeHandling => ("按新的办理时限重新办理本件？", CommentRequirement.None, "", ""),
        WorkflowStep.Close => ("确认本件办结？", CommentRequirement.Optional, "办结说明（可选）", ""),
        WorkflowStep.Publish => ("在政府门户网站公开本件答复？", CommentRequirement.None, "", ""),
        WorkflowStep.Unpublish => ("将本件答复从公开页面撤下（立即生效），须写明理由。", CommentRequirement.Required, "撤销公开理由", "请填写撤销公开理由"),
        _ => (step.ToChinese(), CommentRequirement.Optional, "意见（可选）", ""),
    };

    /// <summary>
    /// How 办结 is asked of this item: a reply nobody answered closes as 未反馈; a reply still 不满意 after the last round
    /// only with the Office's explanation, which the item page then shows.
    /// </summary>
    public static (string Prompt, CommentRequirement Requirement, string Label, string RequiredError) DescribeClose(Proposal proposal, SatisfactionRule rule)
    {
        if (proposal.Role == HandlingRole.Lead && proposal.State == ProposalState.Replied)
        {
            return ("征询意见期满，提出人未反馈评价。本件将按“未反馈”办结（不计入满意率）。", CommentRequirement.Optional, "说明（可选）", "");
        }

        return proposal.Role == HandlingRole.Lead && proposal.ResultOfRound(proposal.ReopenRound + 1, rule) == Satisfaction.Unsatisfied
            ? ("提出人对答复仍不满意。办结须写明办公室的情况说明，该说明将在本件页面上显示。", CommentRequirement.Required, "办公室的情况说明", "请填写办公室的情况说明")
            : Describe(WorkflowStep.Close, assigningOffice: string.Empty); // 办结 names no office
    }

    protected override Task<Result> RunAsync()
    {
        var comment = string.IsNullOrWhiteSpace(_comment) ? null : _comment.Trim();
        var (id, version) = (Proposal.Id, Runner.Version);
        IProposalCommand? command = Step switch
        {
            WorkflowStep.Accept => new Accept(id, version),
            WorkflowStep.RequestReturn => new RequestReturn(id, version, comment ?? string.Empty),
            WorkflowStep.ApproveReturn => new ApproveReturn(id, version, comment),
            WorkflowStep.RejectReturn => new RejectReturn(id, version, comment),
            WorkflowStep.StartHandling => new StartHandling(id, version),
            WorkflowStep.SubmitForReview => new SubmitForReview(id, version),
            WorkflowStep.ApproveReview => new ApproveReview(id, version, comment),
            WorkflowStep.SendBackFromReview => new SendBackFromReview(id, version, comment ?? string.Empty),
            WorkflowStep.SignOff => new SignOff(id, version),
            WorkflowStep.SendBackFromSignOff => new SendBackFromSignOff(id, version, comment ?? string.Empty),
            WorkflowStep.ResumeHandling => new ResumeHandling(id, version),
            WorkflowStep.Close => new Close(id, version, comment),
            WorkflowStep.Publish => new Publish(id, version),
            WorkflowStep.Unpublish => new Unpublish(id, version, comment ?? string.Empty),
            _ => null,
        };
        return command is null
            ? Task.FromResult(Result.Refused($"「{Step.ToChinese()}」不能在此办理"))
            : Runner.RunAsync(command);
    }
}
