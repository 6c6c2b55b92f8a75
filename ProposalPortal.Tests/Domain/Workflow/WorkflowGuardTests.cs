using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Domain.Workflow;

/// <summary>The guards of DOMAIN.md: each refusal says why, in Chinese, and leaves the item exactly as it was.</summary>
public sealed class WorkflowGuardTests
{
    private static void AssertRefusedUnchanged(Proposal p, Func<Result> step, string expectedReason)
    {
        var (state, version, audit, replies, comms) = (p.State, p.Version, p.AuditTrail.Count, p.Replies.Count, p.Communications.Count);

        var result = step();

        Assert.False(result.IsOk);
        Assert.Contains(expectedReason, result.Error);
        Assert.Equal(state, p.State);
        Assert.Equal(version, p.Version);
        Assert.Equal(audit, p.AuditTrail.Count);
        Assert.Equal(replies, p.Replies.Count);
        Assert.Equal(comms, p.Communications.Count);
    }

    [Fact]
    public void HandlingCannotStartWithoutTheWhole五定()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Accepted);

        AssertRefusedUnchanged(p, () => p.StartHandling(Staff.Office, ProposalBuilder.Day(2)), "五定尚未落实（定领导、定人员、定责任）");
    }

    [Fact]
    public void 五定RefusesAHandlerFromAnotherSection()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Accepted);

        AssertRefusedUnchanged(p, () => p.SetResponsibility(Staff.Office, Staff.DeputyMember, Staff.Planning, Staff.PricesHandler, null,
            ProposalBuilder.Day(2)), "承办人施八不属于发展规划科");
    }

    [Fact]
    public void 五定RefusesALeaderWhoIsNotALeader()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Accepted);

        AssertRefusedUnchanged(p, () => p.SetResponsibility(Staff.Office, Staff.PlanningHandler, Staff.Planning, Staff.PlanningHandler, null,
            ProposalBuilder.Day(2)), "何六不是局领导");
    }

    [Fact]
    public void ADraftCannotGoToReviewBeforeTalkingWithTheProposer()
    {
        var p = ProposalBuilder.Lead().WithoutCommunication().In(ProposalState.Drafted);

        AssertRefusedUnchanged(p, () => p.SubmitForReview(Staff.Section, ProposalBuilder.Day(11)), "先沟通后答复");
    }

    [Fact]
    public void AKeyItemNeedsAFaceToFaceMeetingBeforeReview()
    {
        var p = ProposalBuilder.Lead().Key().WithoutCommunication().In(ProposalState.InProgress);
        p.LogCommunication(Staff.Section, CommunicationStage.Before, CommunicationMethod.Phone, ProposalBuilder.Assigned.AddDays(4), "委员", "电话", ProposalBuilder.Day(4));
        p.SaveDraft(Staff.Section, ProposalBuilder.Draft(), ProposalBuilder.Day(9));

        AssertRefusedUnchanged(p, () => p.SubmitForReview(Staff.Section, ProposalBuilder.Day(11)), "重点提案须与提出人面商");

        p.LogCommunication(Staff.Section, CommunicationStage.During, CommunicationMethod.SiteVisit, ProposalBuilder.Assigned.AddDays(10), "委员", "实地走访", ProposalBuilder.Day(10));
        Assert.True(p.SubmitForReview(Staff.Section, ProposalBuilder.Day(11)).IsOk);
    }

    [Fact]
    public void A座谈会WithTheProposerCountsAs面商()
    {
        var p = ProposalBuilder.Lead().Key().WithoutCommunication().In(ProposalState.InProgress);
        p.LogCommunication(Staff.Section, CommunicationStage.During, CommunicationMethod.Meeting, ProposalBuilder.Assigned.AddDays(4), "委员", "座谈会", ProposalBuilder.Day(4));
        p.SaveDraft(Staff.Section, ProposalBuilder.Draft(), ProposalBuilder.Day(9));

        Assert.True(p.HasFaceToFaceCommunication);
        Assert.True(p.SubmitForReview(Staff.Section, ProposalBuilder.Day(11)).IsOk);
    }

    [Fact]
    public void TheRuleOfTalkingFirstCanBeSwitchedOffByConfiguration()
    {
        var options = new WorkflowOptions { RequireCommunicationBeforeReview = false };
        var p = ProposalBuilder.Lead().WithoutCommunication().WithOptions(options).In(ProposalState.Drafted);

        Assert.True(p.SubmitForReview(Staff.Section, ProposalBuilder.Day(11, options)).IsOk);
    }

    [Theory]
    [InlineData(null, Disclosure.Publish, "答复须确定办理类别")]
    [InlineData(ResultCategory.A, null, "答复须确定公开属性")]
    [InlineData(ResultCategory.B, Disclosure.Withhold, "不予公开或摘要公开须说明理由")]
    public void AReplyNeedsACategoryAndADisclosureDecisionBeforeReview(ResultCategory? category, Disclosure? disclosure, string reason)
    {
        var p = ProposalBuilder.Lead().In(ProposalState.InProgress);
        Assert.True(p.SaveDraft(Staff.Section, ProposalBuilder.Draft(category, disclosure), ProposalBuilder.Day(10)).IsOk);

        AssertRefusedUnchanged(p, () => p.SubmitForReview(Staff.Section, ProposalBuilder.Day(11)), reason);
    }

    [Fact]
    public void CategoryDIsRefusedWhereTheBureauSwitchedItOff()
    {
        var options = new WorkflowOptions { CategoryDEnabled = false };
        var p = ProposalBuilder.Lead().WithOptions(options).In(ProposalState.InProgress);

        AssertRefusedUnchanged(p, () => p.SaveDraft(Staff.Section, ProposalBuilder.Draft(ResultCategory.D), ProposalBuilder.Day(10, options)), "未启用D类");
    }

    [Fact]
    public void OnlyTheDeputyInChargeOfTheSectionReviews()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.UnderReview);

        AssertRefusedUnchanged(p, () => p.ApproveReview(Staff.OtherDeputy, null, ProposalBuilder.Day(12)), "只有分管本件承办科室的副局长可以审核通过");
        AssertRefusedUnchanged(p, () => p.ApproveReview(Staff.Director, null, ProposalBuilder.Day(12)), "只有分管本件承办科室的副局长");
        Assert.True(p.ApproveReview(Staff.Deputy, "同意", ProposalBuilder.Day(12)).IsOk);
    }

    [Fact]
    public void SendingBackNeedsAComment()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.UnderReview);

        AssertRefusedUnchanged(p, () => p.SendBackFromReview(Staff.Deputy, "  ", ProposalBuilder.Day(12)), "退回须填写修改意见");

        Assert.True(p.SendBackFromReview(Staff.Deputy, "请补充充电桩建设进度数据", ProposalBuilder.Day(12)).IsOk);
        Assert.Equal(ProposalState.InProgress, p.State);
        Assert.Equal("请补充充电桩建设进度数据", p.AuditTrail[^1].Comment);
    }

    [Fact]
    public void ADelegateSignsOrdinaryItemsButOnlyTheDirectorSignsKeyItems()
    {
        var ordinary = ProposalBuilder.Lead().In(ProposalState.AwaitingSignOff);
        var key = ProposalBuilder.Lead().Key().In(ProposalState.AwaitingSignOff);
        var number = new DocumentNumber("楚市发改复", 2022, 3);

        AssertRefusedUnchanged(key, () => key.SignOff(Staff.Delegate, number, ProposalBuilder.Day(13)), "重点提案须由局长本人签发");
        AssertRefusedUnchanged(ordinary, () => ordinary.SignOff(Staff.Deputy, number, ProposalBuilder.Day(13)), "只有局长");
        Assert.True(ordinary.SignOff(Staff.Delegate, number, ProposalBuilder.Day(13)).IsOk);
        Assert.True(key.SignOff(Staff.Director, number with { Serial = 4 }, ProposalBuilder.Day(13)).IsOk);
    }

    [Fact]
    public void SignOffIssuesTheReplyWithItsDocumentNumber()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Replied);

        Assert.Equal("楚市发改复〔2022〕12号", p.CurrentReply!.DocumentNumber);
        Assert.Equal(ProposalBuilder.Assigned.AddDays(13), p.RepliedOn);
        Assert.Equal(Staff.Director.StaffId, p.CurrentReply.SignedById);
        Assert.Equal(Staff.Deputy.StaffId, p.CurrentReply.ReviewedById);
    }

    [Fact]
    public void AReturnCanOnlyBeRequestedWithinTheWindowAndWithAReason()
    {
        // Assigned Monday 2022-03-21: five working days end Monday 2022-03-28.
        var p = ProposalBuilder.Lead().In(ProposalState.Accepted);
        Assert.Equal(new DateOnly(2022, 3, 28), p.ReturnWindowEndsOn);

        AssertRefusedUnchanged(p, () => p.RequestReturn(Staff.Office, "", ProposalBuilder.Day(2)), "申请退回须填写理由");
        AssertRefusedUnchanged(p, () => p.RequestReturn(Staff.Office, "不属于本局职能", Contexts.At(new DateOnly(2022, 3, 29))),
            "已超过申请退回期限（截至2022年3月28日）");
        Assert.True(p.RequestReturn(Staff.Office, "不属于本局职能", Contexts.At(new DateOnly(2022, 3, 28))).IsOk);
        Assert.Equal("不属于本局职能", p.ReturnReason);
    }

    [Fact]
    public void ARejectedReturnGoesBackToAccepted()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.ReturnRequested);

        Assert.True(p.RejectReturn(Staff.Office, "市政府办议案科不同意退回", ProposalBuilder.Day(4)).IsOk);

        Assert.Equal(ProposalState.Accepted, p.State);
    }

    [Fact]
    public void UnsatisfiedReopensWithANewDeadlineAndKeepsTheFirstRound()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Reopened);

        // Evaluated on 2022-04-10: re-handling gets one month.
        Assert.Equal(new DateOnly(2022, 5, 10), p.Deadline);
        Assert.Equal(DeadlineRule.Rehandling, p.DeadlineRule);
        Assert.Equal(new DateOnly(2022, 6, 21), p.OriginalDeadline);
        Assert.Equal(Satisfaction.Unsatisfied, p.FirstEvaluation!.Satisfaction);
        Assert.Null(p.CurrentReply);

        // The second round must talk with the proposer again before its new reply goes to review.
        Assert.True(p.ResumeHandling(Staff.Section, ProposalBuilder.Day(21)).IsOk);
        Assert.True(p.SaveDraft(Staff.Section, ProposalBuilder.Draft(ResultCategory.B), ProposalBuilder.Day(22)).IsOk);
        AssertRefusedUnchanged(p, () => p.SubmitForReview(Staff.Section, ProposalBuilder.Day(23)), "先沟通后答复");
        p.LogCommunication(Staff.Section, CommunicationStage.During, CommunicationMethod.FaceToFace, ProposalBuilder.Assigned.AddDays(23), "委员", "再次面商", ProposalBuilder.Day(23));
        Assert.True(p.SubmitForReview(Staff.Section, ProposalBuilder.Day(23)).IsOk);
        Assert.True(p.ApproveReview(Staff.Deputy, null, ProposalBuilder.Day(24)).IsOk);
        Assert.True(p.SignOff(Staff.Director, new DocumentNumber("楚市发改复", 2022, 30), ProposalBuilder.Day(25)).IsOk);

        // A second 不满意 no longer reopens (one re-handling by default): the result stands, and the item closes only
        // with the Office's explanation, kept as such.
        Assert.True(p.RecordEvaluation(Staff.Office, Satisfaction.Unsatisfied, "仍不满意", false, ProposalBuilder.Day(30)).IsOk);
        Assert.Equal(ProposalState.Evaluated, p.State);
        AssertRefusedUnchanged(p, () => p.Close(Staff.Office, " ", ProposalBuilder.Day(31)), "提出人对答复仍不满意，办结须填写办公室的情况说明");
        Assert.True(p.Close(Staff.Office, "受国家政策限制，已向委员当面说明", ProposalBuilder.Day(31)).IsOk);
        Assert.Equal(ClosureKind.StillUnsatisfied, p.ClosureIn(SatisfactionRule.AnyUnsatisfied));
        Assert.Equal("受国家政策限制，已向委员当面说明", p.ClosingNote);
        Assert.Equal(2, p.Replies.Count);
        Assert.Equal(Satisfaction.Unsatisfied, p.FirstEvaluation!.Satisfaction);
        Assert.Equal(2, p.FinalEvaluation!.Round);
    }

    [Fact]
    public void SatisfiedGoesToEvaluatedAndThenClosed()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Closed);

        Assert.Equal(ProposalBuilder.Assigned.AddDays(21), p.ClosedOn);
        Assert.Equal(Satisfaction.Satisfied, p.FinalEvaluation!.Satisfaction);
    }

    [Fact]
    public void PublishingNeedsASignedReplyThatMayBePublished()
    {
        var withheld = ProposalBuilder.Lead().In(ProposalState.InProgress);
        withheld.SaveDraft(Staff.Section, ProposalBuilder.Draft(ResultCategory.A, Disclosure.Withhold) with { DisclosureReason = "涉及商业秘密" }, ProposalBuilder.Day(10));
        withheld.SubmitForReview(Staff.Section, ProposalBuilder.Day(11));
        withheld.ApproveReview(Staff.Deputy, null, ProposalBuilder.Day(12));
        withheld.SignOff(Staff.Director, new DocumentNumber("楚市发改复", 2022, 1), ProposalBuilder.Day(13));

        AssertRefusedUnchanged(withheld, () => withheld.Publish(Staff.Office, ProposalBuilder.Day(14)), "不予公开");

        var published = ProposalBuilder.Lead().In(ProposalState.Replied);
        Assert.True(published.Publish(Staff.Office, ProposalBuilder.Day(14)).IsOk);
        Assert.True(published.CurrentReply!.IsPublished);
        AssertRefusedUnchanged(published, () => published.Publish(Staff.Office, ProposalBuilder.Day(15)), "该答复已经公开");
    }

    [Fact]
    public void AnExtensionIsCappedAndNeedsAReason()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.InProgress);

        AssertRefusedUnchanged(p, () => p.ExtendDeadline(Staff.Office, new DateOnly(2022, 8, 1), " ", ProposalBuilder.Day(3)), "延期须填写理由");
        AssertRefusedUnchanged(p, () => p.ExtendDeadline(Staff.Office, new DateOnly(2022, 9, 22), "需协调多个部门", ProposalBuilder.Day(3)), "6个月");
        AssertRefusedUnchanged(p, () => p.ExtendDeadline(Staff.Section, new DateOnly(2022, 8, 1), "需协调多个部门", ProposalBuilder.Day(3)), "只有办公室可以延期");

        Assert.True(p.ExtendDeadline(Staff.Office, new DateOnly(2022, 9, 21), "需协调多个部门", ProposalBuilder.Day(3)).IsOk);
        Assert.Equal(new DateOnly(2022, 9, 21), p.Deadline);
        Assert.Equal(new DateOnly(2022, 6, 21), p.Extensions.Single().From);
        Assert.Equal("需协调多个部门", p.Extensions.Single().Reason);
    }

    [Fact]
    public void AnotherSectionCannotTouchTheItem()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.InProgress);

        AssertRefusedUnchanged(p, () => p.SaveDraft(Staff.OtherSection, ProposalBuilder.Draft(), ProposalBuilder.Day(10)), "只有本件承办科室的人员可以拟稿");
        AssertRefusedUnchanged(p, () => p.LogCommunication(Staff.OtherSection, CommunicationStage.Before, CommunicationMethod.Phone,
            ProposalBuilder.Assigned.AddDays(3), "委员", "电话", ProposalBuilder.Day(3)), "只有办公室或本件承办科室的人员可以登记沟通");
        Assert.False(ProposalWorkflow.CanView(p, Staff.OtherSection));
        Assert.True(ProposalWorkflow.CanView(p, Staff.Section));
        Assert.True(ProposalWorkflow.CanView(p, Staff.OtherDeputy));
    }

    [Fact]
    public void ACommunicationCannotBeDatedInTheFutureOrBeforeAssignment()
    {
        var p = ProposalBuilder.Lead().WithoutCommunication().In(ProposalState.InProgress);

        AssertRefusedUnchanged(p, () => p.LogCommunication(Staff.Section, CommunicationStage.Before, CommunicationMethod.Phone,
            ProposalBuilder.Assigned.AddDays(9), "委员", "电话", ProposalBuilder.Day(5)), "沟通日期不能晚于今天");
        AssertRefusedUnchanged(p, () => p.LogCommunication(Staff.Section, CommunicationStage.Before, CommunicationMethod.Phone,
            ProposalBuilder.Assigned.AddDays(-1), "委员", "电话", ProposalBuilder.Day(5)), "沟通日期不能早于交办日期");
    }

    [Fact]
    public void ACommitmentMarkedDoneNeedsEvidenceAndLateOnesShow()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Replied);
        Assert.True(p.AddCommitment(Staff.Section, "年底前新增公共充电桩100个", null, "孔九", new DateOnly(2022, 12, 31), ProposalBuilder.Day(14)).IsOk);
        var commitment = p.Commitments.Single();
        Entity.WithId(commitment, 1);

        AssertRefusedUnchanged(p, () => p.UpdateCommitment(Staff.Section, 1, CommitmentStatus.Done, "已完成", null, ProposalBuilder.Day(200)), "须提供落实佐证");
        Assert.True(commitment.IsLate(new DateOnly(2023, 1, 1)));
        Assert.False(commitment.IsLate(new DateOnly(2022, 12, 31)));

        Assert.True(p.UpdateCommitment(Staff.Section, 1, CommitmentStatus.Done, "已建成", "验收报告", ProposalBuilder.Day(200)).IsOk);
        Assert.False(commitment.IsLate(new DateOnly(2023, 1, 1)));
        Assert.Equal(Staff.PlanningSectionId, commitment.OwnerSectionId);
    }

    [Fact]
    public void EveryStepIsWrittenToTheAuditTrailWithWhoFromAndTo()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.AwaitingSignOff);

        var approve = p.AuditTrail[^1];
        Assert.Equal(AuditAction.ApproveReview, approve.Action);
        Assert.Equal("朱二", approve.ActorName);
        Assert.Equal(ProposalState.UnderReview, approve.FromState);
        Assert.Equal(ProposalState.AwaitingSignOff, approve.ToState);
        Assert.Equal("同意", approve.Comment);
        Assert.Equal(p.AuditTrail.Count, p.Version);
    }
}
