using Bunit;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Features.Proposals.Detail.Panels;
using ProposalPortal.Features.Publication;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>
/// The item page's panels, each rendered alone from a read model built in memory: no database, no application
/// service registered (only MudBlazor's). A panel shows what the read model says, and nothing else decides it.
/// </summary>
public sealed class ItemPanelTests : PortalBunitContext
{
    private static readonly Names Names = new(
        new Dictionary<int, string> { [Staff.PlanningSectionId] = "发展规划科" },
        new Dictionary<int, string> { [Staff.DeputyMember.Id] = "朱二", [Staff.PlanningHandler.Id] = "何六" });

    private static ProposalPage PageOf(Proposal proposal, int day, IReadOnlyList<WorkflowStep>? steps = null,
        IReadOnlyList<ReplyDocumentInfo>? letters = null, IReadOnlyList<EvaluationLink>? links = null)
    {
        var context = ProposalBuilder.Day(day);
        var status = proposal.Deadline is { } deadline
            ? context.Deadlines.Classify(deadline, context.Today, proposal.IsDeadlineStepDone)
            : null;
        return new ProposalPage(proposal, context, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Names, steps ?? [], status,
            [], [], [], letters ?? [], links ?? [], new AttachmentLimits([".pdf"], 10 * 1024 * 1024));
    }

    [Fact]
    public void TheFiveResponsibilitiesNameThePeopleAndSectionFromTheReadModel()
    {
        var page = PageOf(ProposalBuilder.Lead().In(ProposalState.InProgress), day: 10);

        var panel = Render<ResponsibilityPanel>(ps => ps.Add(p => p.View, page));

        Assert.Equal("朱二", panel.Find("[data-testid=responsibility-leader]").TextContent);
        Assert.Equal("发展规划科", panel.Find("[data-testid=responsibility-section]").TextContent);
        Assert.Equal("何六", panel.Find("[data-testid=responsibility-handler]").TextContent);
    }

    [Fact]
    public void TheDeadlineShowsTheDaysLeftAndWhenTheProposerWasFirstContacted()
    {
        var proposal = ProposalBuilder.Lead().In(ProposalState.InProgress);
        var page = PageOf(proposal, day: 10);

        var panel = Render<DeadlinePanel>(ps => ps.Add(p => p.View, page));

        Assert.Equal(ChineseDate.Format(proposal.Deadline!.Value), panel.Find("[data-testid=deadline-date]").TextContent);
        Assert.Equal($"剩余{proposal.Deadline.Value.DayNumber - ProposalBuilder.Assigned.AddDays(10).DayNumber}天",
            panel.Find("[data-testid=deadline-days]").TextContent);
        Assert.Contains($"已于{ChineseDate.Format(ProposalBuilder.Assigned.AddDays(5))}联系", panel.Find("[data-testid=first-contact]").TextContent);
    }

    [Fact]
    public void TheDeadlineNotesAreStaticTextNotAListboxOfFocusableOptions()
    {
        var page = PageOf(ProposalBuilder.Lead().In(ProposalState.InProgress), day: 10);

        var panel = Render<DeadlinePanel>(ps => ps.Add(p => p.View, page));

        var notes = panel.Find("[data-testid=deadline-notes]");
        Assert.Equal("UL", notes.TagName);
        Assert.Null(notes.GetAttribute("role"));
        Assert.Empty(panel.FindAll("[role=listbox], [role=option], [data-testid=deadline-notes] [tabindex]"));
        Assert.Contains("办前联系期限", panel.Find("[data-testid=deadline-notes] li[data-testid=first-contact]").TextContent);
    }

    [Fact]
    public void TheAttachmentFileInputIsNamedByItsVisibleLabel()
    {
        var page = PageOf(ProposalBuilder.Lead().In(ProposalState.InProgress), day: 10, steps: [WorkflowStep.AddAttachment]);

        var panel = Render<AttachmentsPanel>(ps => ps.Add(p => p.View, page));

        var input = panel.Find("[data-testid=attachment-input]");
        Assert.Equal("file", input.GetAttribute("type"));
        var id = input.GetAttribute("id");
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("添加附件：", panel.Find($"label[for={id}]").TextContent.Trim());
    }

    [Fact]
    public void TheOfficeSeesEachProposersFormAndANoteWhereALinkCanNoLongerBeRead()
    {
        var proposal = ProposalBuilder.Lead().In(ProposalState.Replied);
        var expires = ProposalBuilder.Assigned.AddDays(60);
        var page = PageOf(proposal, day: 14, links:
        [
            new EvaluationLink(1, "杞发荣", "https://portal.example/public/evaluate/abc", expires),
            new EvaluationLink(2, "徐彦", null, expires),
        ]);

        var panel = Render<EvaluationPanel>(ps => ps.Add(p => p.View, page));

        Assert.Equal("https://portal.example/public/evaluate/abc", panel.Find("[data-testid=evaluation-link]").TextContent);
        Assert.Equal(EvaluationLink.LostText, panel.Find("[data-testid=evaluation-link-lost]").TextContent);
        Assert.Equal([EvaluationForms.PathFor(proposal.Id, 1), EvaluationForms.PathFor(proposal.Id, 2)],
            panel.FindAll("[data-testid=evaluation-form]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void AWithdrawnLetterSaysWhetherItWasSignedAgain()
    {
        var proposal = ProposalBuilder.Lead().In(ProposalState.Replied);
        var signedAt = new DateTimeOffset(2022, 4, 3, 2, 0, 0, TimeSpan.Zero);
        ReplyDocumentInfo Letter(int version, string number, bool withdrawn) =>
            new(version, number, $"{number}.pdf", new string('a', 64), "杨一", signedAt, 40 * 1024, withdrawn);

        var waiting = Render<ReplyPanel>(ps => ps.Add(p => p.View, PageOf(proposal, 14, letters: [Letter(1, "楚市发改复〔2022〕12号", true)])));
        var reissued = Render<ReplyPanel>(ps => ps.Add(p => p.View, PageOf(proposal, 14, letters:
            [Letter(2, "楚市发改复〔2022〕12号", false), Letter(1, "楚市发改复〔2022〕12号", true)])));

        Assert.EndsWith("（待重新签章）", waiting.Find("[data-testid=withdrawn-letter]").TextContent.Trim());
        Assert.Empty(waiting.FindAll("[data-testid=signed-letter]"));
        Assert.EndsWith("（已重新签章为第2版，不含二维码）", reissued.Find("[data-testid=withdrawn-letter]").TextContent.Trim());
        Assert.Contains("第2版 楚市发改复〔2022〕12号", reissued.Find("[data-testid=signed-letter]").TextContent);
    }

    [Fact]
    public void TheActionBarOffersTheStepsOfTheReadModelAndHandsTheChosenOneToThePage()
    {
        var page = PageOf(ProposalBuilder.Lead().In(ProposalState.InProgress), day: 10,
            steps: [WorkflowStep.SaveDraft, WorkflowStep.AddAttachment, WorkflowStep.UpdateCommitment, WorkflowStep.ExtendDeadline]);
        WorkflowStep? chosen = null;

        var bar = Render<ActionBar>(ps => ps.Add(p => p.View, page).Add(p => p.OnStep, step => chosen = step));
        bar.Find("button[data-step=ExtendDeadline]").Click();

        // 上传附件 sits in the attachments panel, and 更新进度 needs a commitment to update.
        Assert.Equal(["拟稿", "延期"], bar.FindAll("button[data-step]").Select(b => b.TextContent.Trim()));
        Assert.Equal(WorkflowStep.ExtendDeadline, chosen);
    }

    [Fact]
    public void AnItemClosedWithNoAnswerIsShownAsClosedAs未反馈()
    {
        var proposal = ProposalBuilder.Lead().In(ProposalState.Replied);
        var issued = proposal.CurrentReply!.IssuedOn!.Value;
        var after = ProposalBuilder.Day(0).Deadlines.EvaluationWindowEnd(issued).DayNumber - ProposalBuilder.Assigned.DayNumber + 1;
        Assert.True(proposal.Close(Staff.Office, null, ProposalBuilder.Day(after)).IsOk);

        var panel = Render<EvaluationPanel>(ps => ps.Add(p => p.View, PageOf(proposal, after)));

        Assert.Contains("尚未评价", panel.Find("[data-testid=evaluations]").TextContent);
        Assert.Equal("按“未反馈”办结：征询意见期满，提出人未反馈评价（不计入满意率）。", panel.Find("[data-testid=evaluation-closure]").TextContent.Trim());
    }

    [Fact]
    public void AnItemClosedStillUnsatisfiedShowsTheOfficesExplanationAsSuch()
    {
        var lastRound = new WorkflowOptions { MaxReopenRounds = 0 };
        var proposal = ProposalBuilder.Lead().WithOptions(lastRound).In(ProposalState.Replied);
        Entity.WithId(proposal.Proposers[0], 101);
        Entity.WithId(proposal.Proposers[1], 102);
        Assert.True(proposal.RecordEvaluation(Staff.Office, Satisfaction.Satisfied, null, true, ProposalBuilder.Day(20, lastRound), 101).IsOk);
        Assert.True(proposal.RecordEvaluation(Staff.Office, Satisfaction.Unsatisfied, "希望明确时间表", true, ProposalBuilder.Day(20, lastRound), 102).IsOk);
        Assert.Equal(ProposalState.Evaluated, proposal.State);
        Assert.True(proposal.Close(Staff.Office, "项目受用地指标限制，已向委员当面说明", ProposalBuilder.Day(21, lastRound)).IsOk);

        var panel = Render<EvaluationPanel>(ps => ps.Add(p => p.View, PageOf(proposal, 21)));

        Assert.Equal("提出人对答复仍不满意，经办公室说明后办结。办公室说明：项目受用地指标限制，已向委员当面说明",
            panel.Find("[data-testid=evaluation-closure]").TextContent.Trim());
        // Two proposers, 满意 and 不满意: the item's one result follows the rule, named beside it.
        Assert.Equal("本件评价结果：不满意（多名提出人评价不一时，任一提出人不满意即为不满意）", panel.Find("[data-testid=evaluation-result]").TextContent.Trim());
    }
}
