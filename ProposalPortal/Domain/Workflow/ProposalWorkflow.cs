using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Workflow;

/// <summary>
/// The one place that decides whether a step is allowed on an item, for whom, and why not.
/// <see cref="Proposal"/>'s step methods ask it first and change nothing when it refuses;
/// pages ask it which actions to offer.
/// </summary>
public static class ProposalWorkflow
{
    private delegate bool Who(Proposal p, Actor a);

    private sealed record Rule(
        IReadOnlySet<ProposalState> LeadFrom,
        IReadOnlySet<ProposalState> AssistingFrom,
        Who Allowed,
        Func<Proposal, Actor, string> WhoMessage);

    private static readonly IReadOnlySet<ProposalState> None = new HashSet<ProposalState>();

    private static HashSet<ProposalState> States(params ProposalState[] states) => [.. states];

    private static readonly HashSet<ProposalState> OpenBeforeReply = States(
        ProposalState.Registered, ProposalState.Accepted, ProposalState.InProgress, ProposalState.Drafted,
        ProposalState.UnderReview, ProposalState.AwaitingSignOff, ProposalState.Reopened);

    private static readonly HashSet<ProposalState> Handling = States(
        ProposalState.InProgress, ProposalState.Drafted, ProposalState.UnderReview, ProposalState.AwaitingSignOff,
        ProposalState.Replied, ProposalState.Evaluated, ProposalState.Reopened);

    private static readonly HashSet<ProposalState> AfterReply = States(
        ProposalState.Replied, ProposalState.Evaluated, ProposalState.Reopened, ProposalState.Closed);

    // Files may be added to an item as long as it is the bureau's (not after it was returned).
    private static readonly HashSet<ProposalState> Attachable = Enum.GetValues<ProposalState>().Where(s => s != ProposalState.Returned).ToHashSet();

    private static bool IsOffice(Proposal p, Actor a) => a.Has(StaffRoles.Office);

    private static bool IsSectionOfItem(Proposal p, Actor a) =>
        a.Has(StaffRoles.SectionStaff) && p.Responsibility is { } r && a.SectionId == r.SectionId;

    private static bool IsOfficeOrLeader(Proposal p, Actor a) =>
        a.Has(StaffRoles.Office) || a.Has(StaffRoles.Director) || a.Has(StaffRoles.DeputyDirector);

    private static string OfficeOrLeaderOnly(Proposal p, Actor a) => "只有办公室或局领导可以{0}";

    private static bool IsOfficeOrSection(Proposal p, Actor a) => IsOffice(p, a) || IsSectionOfItem(p, a);

    private static bool IsDeputyInCharge(Proposal p, Actor a) =>
        a.Has(StaffRoles.DeputyDirector) && p.Responsibility is { } r && a.OverseenSections.Contains(r.SectionId);

    // The director signs off; a delegate set by the Admin may too, except key items, which the director signs.
    private static bool IsSigner(Proposal p, Actor a) => a.Has(StaffRoles.Director) || (a.IsSignOffDelegate && !p.IsKey);

    private static string OfficeOnly(Proposal p, Actor a) => "只有办公室可以{0}";

    // The proposer answers the evaluation through their personal link; the Office types in paper forms.
    private static bool IsOfficeOrProposer(Proposal p, Actor a) =>
        IsOffice(p, a) || (a.ProposerId is { } id && p.Proposers.Any(x => x.Id == id));

    private static string OfficeOrProposerOnly(Proposal p, Actor a) => "只有本件提出人或办公室可以{0}";

    private static string SectionOnly(Proposal p, Actor a) =>
        p.Responsibility is null ? "本件尚未落实承办科室，不能{0}" : "只有本件承办科室的人员可以{0}";

    private static string OfficeOrSectionOnly(Proposal p, Actor a) =>
        p.Responsibility is null ? "只有办公室可以{0}（本件尚未落实承办科室）" : "只有办公室或本件承办科室的人员可以{0}";

    private static string DeputyOnly(Proposal p, Actor a) => "只有分管本件承办科室的副局长可以{0}";

    private static string SignerOnly(Proposal p, Actor a) =>
        p.IsKey && a.IsSignOffDelegate ? "重点提案须由局长本人签发" : "只有局长（或经授权的签发人）可以{0}";

    private static readonly Dictionary<WorkflowStep, Rule> Rules = new()
    {
        [WorkflowStep.Accept] = new(States(ProposalState.Registered), States(ProposalState.Registered), IsOffice, OfficeOnly),
        [WorkflowStep.RequestReturn] = new(States(ProposalState.Accepted), States(ProposalState.Accepted), IsOffice, OfficeOnly),
        [WorkflowStep.ApproveReturn] = new(States(ProposalState.ReturnRequested), States(ProposalState.ReturnRequested), IsOffice, OfficeOnly),
        [WorkflowStep.RejectReturn] = new(States(ProposalState.ReturnRequested), States(ProposalState.ReturnRequested), IsOffice, OfficeOnly),
        [WorkflowStep.SetResponsibility] = new(OpenBeforeReply, States(ProposalState.Registered, ProposalState.Accepted, ProposalState.InProgress), IsOffice, OfficeOnly),
        [WorkflowStep.StartHandling] = new(States(ProposalState.Accepted), States(ProposalState.Accepted), IsOffice, OfficeOnly),
        [WorkflowStep.ExtendDeadline] = new(OpenBeforeReply, States(ProposalState.Registered, ProposalState.Accepted, ProposalState.InProgress), IsOffice, OfficeOnly),
        [WorkflowStep.LogCommunication] = new(Handling, States(ProposalState.InProgress), IsOfficeOrSection, OfficeOrSectionOnly),
        [WorkflowStep.SaveDraft] = new(States(ProposalState.InProgress, ProposalState.Drafted), None, IsSectionOfItem, SectionOnly),
        [WorkflowStep.SubmitForReview] = new(States(ProposalState.Drafted), None, IsSectionOfItem, SectionOnly),
        [WorkflowStep.ApproveReview] = new(States(ProposalState.UnderReview), None, IsDeputyInCharge, DeputyOnly),
        [WorkflowStep.SendBackFromReview] = new(States(ProposalState.UnderReview), None, IsDeputyInCharge, DeputyOnly),
        [WorkflowStep.SignOff] = new(States(ProposalState.AwaitingSignOff), None, IsSigner, SignerOnly),
        [WorkflowStep.SendBackFromSignOff] = new(States(ProposalState.AwaitingSignOff), None, IsSigner, SignerOnly),
        // Evaluated too: an answer may be changed (or a co-proposer answer) while the evaluation window is open.
        [WorkflowStep.RecordEvaluation] = new(States(ProposalState.Replied, ProposalState.Evaluated), None, IsOfficeOrProposer, OfficeOrProposerOnly),
        [WorkflowStep.ResumeHandling] = new(States(ProposalState.Reopened), None, IsOfficeOrSection, OfficeOrSectionOnly),
        // Replied too: a reply nobody answered within the evaluation window closes as 未反馈.
        [WorkflowStep.Close] = new(States(ProposalState.Replied, ProposalState.Evaluated), States(ProposalState.OpinionSent), IsOffice, OfficeOnly),
        [WorkflowStep.SendOpinion] = new(None, States(ProposalState.InProgress), IsSectionOfItem, SectionOnly),
        [WorkflowStep.Publish] = new(AfterReply, None, IsOffice, OfficeOnly),
        [WorkflowStep.Unpublish] = new(AfterReply, None, IsOffice, OfficeOnly),
        [WorkflowStep.AddCommitment] = new(Handling, None, IsOfficeOrSection, OfficeOrSectionOnly),
        [WorkflowStep.UpdateCommitment] = new(States([.. Handling, ProposalState.Closed]), None, IsOfficeOrSection, OfficeOrSectionOnly),
        [WorkflowStep.AddAttachment] = new(Attachable, Attachable, IsOfficeOrSection, OfficeOrSectionOnly),
        // 催办 goes to the handler while the ball is in the section's court.
        [WorkflowStep.Chase] = new(States(ProposalState.InProgress, ProposalState.Drafted, ProposalState.Reopened),
            States(ProposalState.InProgress), IsOfficeOrLeader, OfficeOrLeaderOnly),
        [WorkflowStep.JoinGroup] = new(OpenBeforeReply, None, IsOffice, OfficeOnly),
        // What was registered may be corrected as long as the item is the bureau's; what a state allows is the aggregate's.
        [WorkflowStep.CorrectRegistration] = new(Attachable, Attachable, IsOffice, OfficeOnly),
    };

    /// <summary>
    /// Why <paramref name="actor"/> may not take <paramref name="step"/> on <paramref name="proposal"/> now,
    /// in Chinese; <c>null</c> when the step is allowed. Checks the state, the role and section, and the guards of
    /// DOMAIN.md that depend on the item (五定, 先沟通后答复, 面商 for key items, category and disclosure, return window).
    /// </summary>
    public static string? WhyNot(Proposal proposal, WorkflowStep step, Actor actor, WorkflowContext context)
    {
        var rule = Rules[step];
        var name = step.ToChinese();
        var from = proposal.Role == HandlingRole.Lead ? rule.LeadFrom : rule.AssistingFrom;
        if (!from.Contains(proposal.State))
        {
            return from.Count == 0
                ? $"{proposal.Role.ToChinese()}件没有「{name}」这一步"
                : $"本件当前状态为「{proposal.State.ToChinese()}」，不能{name}";
        }

        if (!rule.Allowed(proposal, actor))
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, rule.WhoMessage(proposal, actor), name);
        }

        return Guard(proposal, step, context);
    }

    /// <summary>The steps this actor may take on this item now, in workflow order: what a page offers.</summary>
    public static IReadOnlyList<WorkflowStep> AvailableSteps(Proposal proposal, Actor actor, WorkflowContext context) =>
        Enum.GetValues<WorkflowStep>().Where(s => WhyNot(proposal, s, actor, context) is null).ToList();

    /// <summary>
    /// Whether the actor may read the item's reply drafts as drafts (the Word copy, the saved versions and what review
    /// changed): the section that writes them and those who review and sign them off, not everyone who sees the item.
    /// </summary>
    public static bool CanReadDrafts(Proposal proposal, Actor actor) =>
        IsSectionOfItem(proposal, actor) || IsDeputyInCharge(proposal, actor) || IsSigner(proposal, actor) || actor.Has(StaffRoles.Director);

    /// <summary>Whether the actor may see the item at all: leaders and the Office see all, sections their own.</summary>
    public static bool CanView(Proposal proposal, Actor actor) =>
        actor.SeesEverything || IsSectionOfItem(proposal, actor);

    private static string? Guard(Proposal p, WorkflowStep step, WorkflowContext context)
    {
        switch (step)
        {
            case WorkflowStep.RequestReturn when p.ReturnWindowEndsOn is { } end && context.Today > end:
                return $"已超过申请退回期限（截至{ChineseDate.Format(end)}），不能申请退回";

            case WorkflowStep.StartHandling:
                return MissingResponsibility(p);

            case WorkflowStep.SubmitForReview:
                return DraftProblems(p, context.Options) ?? CommunicationProblems(p, context.Options);

            case WorkflowStep.ApproveReview:
            case WorkflowStep.SignOff:
                return DraftProblems(p, context.Options);

            case WorkflowStep.SendOpinion when p.Responsibility is null:
                return MissingResponsibility(p);

            case WorkflowStep.Chase when p.Responsibility is null:
                return "本件尚未落实承办人，无法催办";

            case WorkflowStep.Publish:
                var reply = p.CurrentReply;
                if (reply is null || !reply.IsSigned)
                {
                    return "答复尚未签发，不能公开";
                }

                if (reply.IsPublished)
                {
                    return "该答复已经公开";
                }

                return reply.Disclosure == Disclosure.Withhold
                    ? $"该答复的公开属性为「不予公开」（{reply.DisclosureReason}），不能公开"
                    : null;

            case WorkflowStep.Unpublish:
                return p.Replies.Any(r => r.IsPublished) ? null : "本件没有已公开的答复";

            case WorkflowStep.Close when p.Role == HandlingRole.Lead:
                return CloseTooEarly(p, context);

            case WorkflowStep.RecordEvaluation when p.State == ProposalState.Evaluated:
                // Changing an answer is only possible while the window is open; a late paper form goes in before.
                var issued = p.CurrentReply?.IssuedOn;
                if (issued is null)
                {
                    return "答复尚未签发，不能评价";
                }

                var windowEnd = context.Deadlines.EvaluationWindowEnd(issued.Value);
                return context.Today > windowEnd ? $"征询意见期已于{ChineseDate.Format(windowEnd)}结束，评价不能再修改" : null;

            default:
                return null;
        }
    }

    /// <summary>
    /// A lead item closes once every proposer has answered the current reply or the evaluation window has ended; with no
    /// answer at all it closes only then, as 未反馈.
    /// </summary>
    private static string? CloseTooEarly(Proposal p, WorkflowContext context)
    {
        if (p.CurrentReply?.IssuedOn is not { } issued)
        {
            return "答复尚未签发，不能办结";
        }

        if (p.EvaluationWindowEnded(context.Deadlines, context.Today))
        {
            return null;
        }

        var windowEnd = context.Deadlines.EvaluationWindowEnd(issued);

        var waiting = p.NotYetAnswered();
        if (waiting.Count == p.Proposers.Count)
        {
            return $"提出人尚未反馈评价，征询意见期至{ChineseDate.Format(windowEnd)}结束；期满仍未反馈的，方可按“未反馈”办结";
        }

        return waiting.Count == 0 ? null
            : $"尚有提出人未评价（{string.Join("、", waiting.Select(x => x.Name))}），须全部提出人评价或征询意见期（{ChineseDate.Format(windowEnd)}）届满后方可办结";
    }

    private static string? MissingResponsibility(Proposal p)
    {
        // 五定 in the trade's order: 定领导、定人员、定时间、定责任 (the section answerable), 定质量 (the optional quality note).
        var missing = new List<string>();
        if (p.Responsibility is null)
        {
            missing.AddRange(["定领导", "定人员"]);
        }

        if (p.Deadline is null)
        {
            missing.Add("定时间");
        }

        if (p.Responsibility is null)
        {
            missing.Add("定责任");
        }

        return missing.Count == 0 ? null : $"五定尚未落实（{string.Join("、", missing)}），不能开始办理";
    }

    private static string? DraftProblems(Proposal p, WorkflowOptions options)
    {
        var draft = p.CurrentReply;
        if (draft is null || string.IsNullOrWhiteSpace(draft.Body))
        {
            return "尚未拟写答复正文";
        }

        if (draft.Category is null)
        {
            return "答复须确定办理类别（A/B/C" + (options.CategoryDEnabled ? "/D" : string.Empty) + "）";
        }

        if (draft.Category == ResultCategory.D && !options.CategoryDEnabled)
        {
            return "本地未启用D类（留作参考），请选择A、B或C类";
        }

        if (draft.Disclosure is null)
        {
            return "答复须确定公开属性（公开、摘要公开或不予公开）";
        }

        if (draft.Disclosure != Disclosure.Publish && string.IsNullOrWhiteSpace(draft.DisclosureReason))
        {
            return "不予公开或摘要公开须说明理由";
        }

        if (draft.Disclosure == Disclosure.PublishSummary && string.IsNullOrWhiteSpace(draft.PublicSummary))
        {
            return "摘要公开须填写公开摘要";
        }

        return null;
    }

    private static string? CommunicationProblems(Proposal p, WorkflowOptions options)
    {
        // 先沟通后答复: the current round must have talked with the proposer before the answer is written up.
        var round = p.Communications.Where(c => c.RecordedAt >= p.CurrentRoundStartedAt).ToList();
        if (options.RequireCommunicationBeforeReview && round.Count == 0)
        {
            return "先沟通后答复：送审前须至少登记一次与提出人的沟通";
        }

        if (options.RequireFaceToFaceForKeyItems && p.IsKey && !round.Any(c => c.IsFaceToFace))
        {
            return "重点提案须与提出人面商（当面商谈、实地走访或座谈会）后方可送审";
        }

        return null;
    }
}
