using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Domain.Workflow;

/// <summary>撤销公开 and the proposers' evaluations (one per proposer and round, changeable within the window).</summary>
public sealed class PublicationAndEvaluationTests
{
    private static Proposal Replied()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Replied);
        Entity.WithId(p.Proposers[0], 101);
        Entity.WithId(p.Proposers[1], 102);
        return p;
    }

    [Fact]
    public void UnpublishTakesThePublishedReplyDownWithAReasonOnlyForTheOffice()
    {
        var p = Replied();
        Assert.True(p.Publish(Staff.Office, ProposalBuilder.Day(14)).IsOk);
        var version = p.Version;

        Assert.Equal("撤销公开须填写理由", p.Unpublish(Staff.Office, " ", ProposalBuilder.Day(15)).Error);
        Assert.Equal("只有办公室可以撤销公开", p.Unpublish(Staff.Section, "理由", ProposalBuilder.Day(15)).Error);
        Assert.Equal(version, p.Version);
        Assert.True(p.CurrentReply!.IsPublished);

        Assert.True(p.Unpublish(Staff.Office, "含个人信息", ProposalBuilder.Day(15)).IsOk);
        Assert.False(p.CurrentReply.IsPublished);
        Assert.Contains("含个人信息", p.AuditTrail[^1].Comment);
        Assert.Equal("本件没有已公开的答复", p.Unpublish(Staff.Office, "再次", ProposalBuilder.Day(16)).Error);
        // It may be published again once corrected.
        Assert.True(p.Publish(Staff.Office, ProposalBuilder.Day(17)).IsOk);
    }

    [Fact]
    public void EachProposerAnswersForThemselvesAndAnyUnsatisfiedReopens()
    {
        var p = Replied();
        var lead = Actor.Proposer(101, "杞发荣");
        var day = ProposalBuilder.Day(20);

        Assert.Equal("只能提交本人的评价", p.RecordEvaluation(lead, Satisfaction.Satisfied, null, false, day, proposerId: 102).Error);
        Assert.Equal("只有本件提出人或办公室可以登记评价",
            p.RecordEvaluation(Actor.Proposer(999, "他人"), Satisfaction.Satisfied, null, false, day, proposerId: 999).Error);

        Assert.True(p.RecordEvaluation(lead, Satisfaction.Satisfied, null, false, day, proposerId: 101,
            ratings: new EvaluationRatings(Satisfaction.Satisfied, Satisfaction.BasicallySatisfied, null)).IsOk);
        Assert.Equal(ProposalState.Evaluated, p.State);
        Assert.True(p.RecordEvaluation(lead, Satisfaction.BasicallySatisfied, "改为基本满意", false, day, proposerId: 101).IsOk);
        Assert.Single(p.Evaluations);
        Assert.Equal(Satisfaction.BasicallySatisfied, p.Evaluations[0].Satisfaction);

        var co = Actor.Proposer(102, "徐彦");
        Assert.True(p.RecordEvaluation(co, Satisfaction.Unsatisfied, "仍有疑问", false, day, proposerId: 102).IsOk);
        Assert.Equal(ProposalState.Reopened, p.State);
        Assert.Equal(2, p.Evaluations.Count(e => e.Round == 1));
    }

    [Fact]
    public void AnAnswerCannotBeChangedAfterTheWindowButTheOfficeRecordsAPaperFormWithItsScan()
    {
        var p = Replied();
        var issued = p.CurrentReply!.IssuedOn!.Value;
        Assert.True(p.RecordEvaluation(Staff.Office, Satisfaction.Satisfied, null, true, Contexts.At(issued.AddDays(3))).IsOk);
        var late = Contexts.At(issued.AddDays(60));
        var refused = p.RecordEvaluation(Staff.Office, Satisfaction.Unsatisfied, null, true, late);
        Assert.StartsWith("征询意见期已于", refused.Error);
        Assert.Equal(ProposalState.Evaluated, p.State);

        var q = Replied();
        Assert.Equal("找不到所选的征询意见表扫描件",
            q.RecordEvaluation(Staff.Office, Satisfaction.Satisfied, null, true, Contexts.At(issued.AddDays(3)), 102, null, formAttachmentId: 77).Error);
        Assert.True(q.AddAttachment(Staff.Office, "征询意见表.pdf", "application/pdf", 10, "stored", Contexts.At(issued.AddDays(3))).IsOk);
        Entity.WithId(q.Attachments[0], 77);
        Assert.True(q.RecordEvaluation(Staff.Office, Satisfaction.Satisfied, null, true, Contexts.At(issued.AddDays(3)), 102, null, 77).IsOk);
        Assert.Equal((102, true, 77), (q.Evaluations[0].ProposerId!.Value, q.Evaluations[0].EnteredByStaff, q.Evaluations[0].FormAttachmentId!.Value));
    }
}
