using ProposalPortal.Domain;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Domain.Proposals;

/// <summary>
/// 更正登记: the Office corrects what was registered with a reason; the audit trail keeps each changed field before and
/// after; a changed date recomputes the deadlines and says so; what cannot be corrected is refused and changes nothing.
/// </summary>
public sealed class RegistrationCorrectionTests
{
    private static Proposal Item(ProposalState state = ProposalState.Accepted)
    {
        var p = ProposalBuilder.Lead().In(state);
        // In memory the proposers have no ids yet; the database would give them.
        Entity.WithId(p.Proposers[0], 101);
        Entity.WithId(p.Proposers[1], 102);
        return p;
    }

    private static RegistrationCorrection Now(Proposal p) => RegistrationCorrection.Of(p);

    private static void AssertRefusedUnchanged(Proposal p, Func<Result> correct, string reason)
    {
        var (title, version, entries, assigned, deadline) = (p.Title, p.Version, p.AuditTrail.Count, p.AssignedOn, p.Deadline);

        var result = correct();

        Assert.False(result.IsOk);
        Assert.Contains(reason, result.Error);
        Assert.Equal((title, version, entries, assigned, deadline), (p.Title, p.Version, p.AuditTrail.Count, p.AssignedOn, p.Deadline));
    }

    [Fact]
    public void ACorrectedTitleIsRecordedWithTheReasonBeforeAndAfter()
    {
        var p = Item();

        var result = p.CorrectRegistration(Staff.Office, Now(p) with { Title = "关于加快推进新能源汽车充电桩建设的提案", CoUnits = "市财政局" },
            "交办清单标题录入有误", false, ProposalBuilder.Day(3));

        Assert.True(result.IsOk, result.Error);
        Assert.Equal("关于加快推进新能源汽车充电桩建设的提案", p.Title);
        Assert.Equal("市财政局", p.CoUnits);
        var entry = p.AuditTrail[^1];
        Assert.Equal(AuditAction.CorrectRegistration, entry.Action);
        Assert.Equal("更正登记", entry.Action.ToChinese());
        Assert.Equal(
            "更正理由：交办清单标题录入有误\n" +
            "标题：关于加快推进新能源汽车充电设施建设的提案 → 关于加快推进新能源汽车充电桩建设的提案\n" +
            "协办单位：（空） → 市财政局", entry.Comment);
        Assert.Null(entry.ToState);
        Assert.Equal(ProposalState.Accepted, p.State);
    }

    [Fact]
    public void ALaterAssignmentDateRecomputesTheDeadlinesWithANote()
    {
        var p = Item();
        Assert.Equal(new DateOnly(2022, 6, 21), p.Deadline);

        var result = p.CorrectRegistration(Staff.Office, Now(p) with { AssignedOn = new DateOnly(2022, 3, 24) }, "交办日期以交办函落款为准",
            false, ProposalBuilder.Day(3));

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(new DateOnly(2022, 3, 24), p.AssignedOn);
        Assert.Equal(new DateOnly(2022, 6, 24), p.Deadline);
        Assert.Equal(new DateOnly(2022, 6, 24), p.OriginalDeadline);
        Assert.Equal(DeadlineRule.LeadReply, p.DeadlineRule);
        Assert.Contains("2022年3月24日", p.DeadlineExplanation);
        Assert.EndsWith("（2022年3月24日更正登记后重新计算）", p.DeadlineExplanation);
        var context = ProposalBuilder.Day(3);
        Assert.Equal(context.Deadlines.ReturnWindowEnd(new DateOnly(2022, 3, 24)).Date, p.ReturnWindowEndsOn);
        Assert.Equal(context.Deadlines.FirstContactDue(new DateOnly(2022, 3, 24)).Date, p.FirstContactDueOn);
        var comment = p.AuditTrail[^1].Comment!;
        Assert.Contains("交办日期：2022年3月21日 → 2022年3月24日", comment);
        Assert.Contains("办理时限：2022年6月21日 → 2022年6月24日（重新计算：", comment);
    }

    [Fact]
    public void AFixedDeadlineReplacesTheComputedOneAndClearingItComputesAgain()
    {
        var p = Item();

        Assert.True(p.CorrectRegistration(Staff.Office, Now(p) with { FixedDeadline = new DateOnly(2022, 7, 10) }, "按批次统一时限", false,
            ProposalBuilder.Day(3)).IsOk);
        Assert.Equal(new DateOnly(2022, 7, 10), p.Deadline);
        Assert.Equal(new DateOnly(2022, 7, 10), Now(p).FixedDeadline);

        Assert.True(p.CorrectRegistration(Staff.Office, Now(p) with { FixedDeadline = null }, "撤销指定时限", false, ProposalBuilder.Day(4)).IsOk);
        Assert.Equal(new DateOnly(2022, 6, 21), p.Deadline);
        Assert.Contains("指定办理时限：2022年7月10日 → 按规则计算", p.AuditTrail[^1].Comment);
    }

    [Fact]
    public void AnExtendedDeadlineStaysAndOnlyTheFirstRoundDeadlineIsRecomputed()
    {
        var p = Item();
        Assert.True(p.ExtendDeadline(Staff.Office, new DateOnly(2022, 8, 1), "需协调多部门", ProposalBuilder.Day(3)).IsOk);

        Assert.True(p.CorrectRegistration(Staff.Office, Now(p) with { AssignedOn = new DateOnly(2022, 3, 23) }, "日期有误", false,
            ProposalBuilder.Day(4)).IsOk);

        Assert.Equal(new DateOnly(2022, 8, 1), p.Deadline);
        Assert.Equal(new DateOnly(2022, 6, 23), p.OriginalDeadline);
        Assert.Contains("现办理时限2022年8月1日系延期后确定，保持不变", p.AuditTrail[^1].Comment);
    }

    [Fact]
    public void ProposersAreRenamedReorderedAndAddedKeepingWhoTheyAre()
    {
        var p = Item();

        var result = p.CorrectRegistration(Staff.Office, Now(p) with
        {
            Proposers = [new ProposerCorrection(102, "徐燕"), new ProposerCorrection(101, "杞发荣"), new ProposerCorrection(null, "李春闻")],
        }, "领衔人应为徐燕", false, ProposalBuilder.Day(3));

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(["徐燕", "杞发荣", "李春闻"], p.Proposers.OrderBy(x => x.Order).Select(x => x.Name));
        Assert.Equal(102, p.LeadProposer.Id);
        Assert.Contains("提出人：杞发荣、徐彦 → 徐燕、杞发荣、李春闻", p.AuditTrail[^1].Comment);
    }

    [Fact]
    public void AfterTheReplyWentOutProposersCanBeRenamedButNotRemoved()
    {
        var p = Item(ProposalState.Replied);

        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p) with { Proposers = [new ProposerCorrection(101, "杞发荣")] },
            "附议人有误", false, ProposalBuilder.Day(14)), "只能更正提出人的姓名和顺序");
        Assert.Equal(2, p.Proposers.Count);

        Assert.True(p.CorrectRegistration(Staff.Office, Now(p) with { Proposers = [new ProposerCorrection(101, "杞发荣"), new ProposerCorrection(102, "徐燕")] },
            "姓名有误", false, ProposalBuilder.Day(14)).IsOk);
        Assert.Equal("徐燕", p.Proposers.Single(x => x.Id == 102).Name);
    }

    [Fact]
    public void TheRoleChangesBeforeHandlingAndItsDeadlineFollows()
    {
        var p = Item();

        Assert.True(p.CorrectRegistration(Staff.Office, Now(p) with { Role = HandlingRole.Assisting, LeadUnit = "市住房和城乡建设局" },
            "本局为协办单位", false, ProposalBuilder.Day(3)).IsOk);

        Assert.Equal(HandlingRole.Assisting, p.Role);
        Assert.Equal(new DateOnly(2022, 4, 21), p.Deadline);
        Assert.Contains("承办方式：主办 → 协办", p.AuditTrail[^1].Comment);
    }

    [Fact]
    public void WhatCannotBeCorrectedIsRefusedInChineseAndChangesNothing()
    {
        var p = Item(ProposalState.InProgress);
        var day = ProposalBuilder.Day(10);

        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p) with { Title = " " }, "理由", false, day), "标题不能为空");
        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p) with { Title = "新标题" }, " ", false, day), "须填写更正理由");
        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p) with { Number = 11 }, "编号有误", true, day),
            "市政协十届一次会议第11号已由另一件登记");
        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p) with { Role = HandlingRole.Assisting, LeadUnit = "市住建局" },
            "改为协办", false, day), "不能再更改承办方式");
        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p) with { AssignedOn = ProposalBuilder.Assigned.AddDays(6) },
            "日期有误", false, day), "交办日期不能晚于该日");
        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p) with { AssignedOn = ProposalBuilder.Assigned.AddDays(11) },
            "日期有误", false, day), "交办日期不能晚于今天");
        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p) with { Proposers = [new ProposerCorrection(101, "杞发荣"), new ProposerCorrection(null, "杞发荣")] },
            "理由", false, day), "提出人“杞发荣”填写了两次");
        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Office, Now(p), "理由", false, day), "没有需要更正的地方");
        AssertRefusedUnchanged(p, () => p.CorrectRegistration(Staff.Section, Now(p) with { Title = "新标题" }, "理由", false, day), "只有办公室可以更正登记");
    }

    [Fact]
    public void TheSameNumberInItsOwnSessionIsNoClash()
    {
        var p = Item();

        // The use case finds no other item under the unchanged number; even if told so, keeping the number is no change of it.
        Assert.True(p.CorrectRegistration(Staff.Office, Now(p) with { Title = "新标题" }, "标题有误", true, ProposalBuilder.Day(3)).IsOk);
    }

    [Fact]
    public void ALongContentIsRecordedAsItsOpeningAndLength()
    {
        var p = Item();
        var content = new string('甲', 5000);

        Assert.True(p.CorrectRegistration(Staff.Office, Now(p) with { Content = content }, "补录正文", false, ProposalBuilder.Day(3)).IsOk);

        Assert.Equal(content, p.Content);
        var comment = p.AuditTrail[^1].Comment!;
        Assert.Contains($"内容：正文 → {new string('甲', 60)}……（共5000字）", comment);
        Assert.True(comment.Length < 2000);
    }
}
