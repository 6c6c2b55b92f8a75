using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Notices;

/// <summary>Who, of the three people an item can become the business of, a notice is for.</summary>
public enum NoticeAudience
{
    /// <summary>承办人: the handler of 五定.</summary>
    Handler,
    /// <summary>分管副局长: the deputy director overseeing the item's section.</summary>
    DeputyInCharge,
    /// <summary>局长 (主要领导), and the sign-off delegate for an item that is not key.</summary>
    Director,
}

/// <summary>A notice a step owes someone: to whom, of what kind, saying what.</summary>
public sealed record OwedNotice(NoticeAudience Audience, NoticeKind Kind, string Text);

/// <summary>
/// Which steps leave a notice for whom: something becomes the handler's, the deputy in charge's or the director's, and
/// they hear of it in their bell (and on the channels they chose). The Office is never told of its own steps here.
/// 催办 has its own handler (ChaseNoticeHandler); the deadline and promise notices come from the nightly monitor.
/// </summary>
public static class StepNotices
{
    /// <summary>The notices <paramref name="step"/> owes, none for most steps.</summary>
    public static IReadOnlyList<OwedNotice> For(ProposalEvent step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var p = step.Proposal;
        var item = $"{p.Designation}《{p.Title}》";
        if (p.Responsibility is null)
        {
            return [];
        }

        switch (step)
        {
            // 五定 complete and handling started (by the same save once 五定 leads straight into handling).
            case StepTaken { Action: AuditAction.StartHandling or AuditAction.SetResponsibility } when p.State == ProposalState.InProgress:
                var deadline = p.Deadline is { } d ? $"，办理时限为{ChineseDate.Format(d)}" : string.Empty;
                return [new(NoticeAudience.Handler, NoticeKind.Assigned, $"{item}已交由您办理{deadline}。")];

            case StepTaken { Action: AuditAction.SendBackFromReview or AuditAction.SendBackFromSignOff } sentBack:
                var comment = CommentOf(p, sentBack);
                var stage = sentBack.Action == AuditAction.SendBackFromReview ? "审核" : "签发";
                return [new(NoticeAudience.Handler, NoticeKind.SentBack,
                    $"{sentBack.ActorName}在{stage}时退回了{item}的答复稿" + (comment is null ? "。" : $"：{comment}"))];

            case StepTaken { Action: AuditAction.SubmitForReview } when p.State == ProposalState.UnderReview:
                return [new(NoticeAudience.DeputyInCharge, NoticeKind.AwaitingReview, $"{item}的答复稿已提交，待您审核。")];

            case StepTaken { Action: AuditAction.ApproveReview } when p.State == ProposalState.AwaitingSignOff:
                return [new(NoticeAudience.Director, NoticeKind.AwaitingSignOff, $"{item}的答复稿已审核通过，待您签发。")];

            case EvaluationRecorded evaluated when p.Evaluations.Any(e => e.RecordedAt == evaluated.At && e.Satisfaction == Satisfaction.Unsatisfied):
                // The reply went out under all three: the handler drafted it, the deputy reviewed it, the director signed it.
                var text = $"{item}的答复被提出人评价为不满意" + (p.State == ProposalState.Reopened ? "，须重新办理。" : "。");
                return
                [
                    new(NoticeAudience.Handler, NoticeKind.Unsatisfied, text),
                    new(NoticeAudience.DeputyInCharge, NoticeKind.Unsatisfied, text),
                    new(NoticeAudience.Director, NoticeKind.Unsatisfied, text),
                ];

            default:
                return [];
        }
    }

    // The step's own audit line holds the comment it was taken with.
    private static string? CommentOf(Proposal p, ProposalEvent step) =>
        p.AuditTrail.LastOrDefault(a => a.Action == step.Action && a.At == step.At)?.Comment is { Length: > 0 } c ? c.Trim() : null;
}
