using System.Globalization;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>
/// The item page over the real services and a <see cref="Scenario"/> (today is 2026-11-28), signed in through bUnit's
/// authorization doubles with the portal's staff claim.
/// </summary>
public sealed class ProposalDetailTests : ItemPageContext
{
    [Fact]
    public async Task AnotherSectionsStaffOpeningAnItemByIdSeesTheRefusalAndNothingOfTheItem()
    {
        // The item is the scenario's section's; the other handler works in another section.
        var id = (await Scenario.ItemAsync(ProposalState.Drafted, proposers: [new Proposer("周八", "138-0000-0008")])).Id;
        await SignInAsync(Scenario.OtherHandler);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal("找不到该件，或您无权查看该件。", page.Find("[data-testid=not-found]").TextContent.Trim()));
        Assert.DoesNotContain((await FindAsync(id)).Title, page.Markup);
        Assert.DoesNotContain("周八", page.Markup);
        Assert.Empty(page.FindAll("button[data-step]"));
    }

    [Fact]
    public async Task SectionStaffOnAnItemInProgressAreOfferedCommunicationAndDraftingButNotReviewOrSignOff()
    {
        var id = await InProgressAsync();
        await SignInAsync(Scenario.Handler);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal("关于测试事项21的提案", page.Find("[data-testid=proposal-title]").TextContent.Trim()));
        var offered = Offered(page);
        Assert.Contains("登记沟通", offered);
        Assert.Contains("拟稿", offered);
        Assert.DoesNotContain("签发", offered);
        Assert.DoesNotContain("审核通过", offered);
        Assert.DoesNotContain("送审", offered);
        Assert.Equal($"{Scenario.Session}第21号提案", page.Find("[data-testid=proposal-designation]").TextContent.Trim());
        Assert.Equal("办理中", page.Find("[data-testid=proposal-state]").TextContent.Trim());
        Assert.Equal(Scenario.Section.Name, page.Find("[data-testid=responsibility-section]").TextContent.Trim());
        Assert.Equal(Scenario.Handler.Name, page.Find("[data-testid=responsibility-handler]").TextContent.Trim());
        Assert.Equal(Scenario.Deputy.Name, page.Find("[data-testid=responsibility-leader]").TextContent.Trim());
        // Staff see the proposer's phone (the public pages withhold it).
        Assert.StartsWith("138-0000-", page.Find("[data-testid=proposer-phone]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOfficeIsNotOfferedStartHandlingBeforeTheResponsibilityIsSet()
    {
        var id = (await Scenario.ItemAsync(ProposalState.Accepted)).Id;
        await SignInAsync(Scenario.Office);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Contains("落实五定", Offered(page)));
        Assert.DoesNotContain("开始办理", Offered(page));
        Assert.Contains("尚未落实五定", page.Find("[data-testid=responsibility]").TextContent);
    }

    [Fact]
    public async Task SettingTheResponsibilityOffersOnlyTheChosenSectionsStaffAndSendsTheItemStraightToHandling()
    {
        var id = (await Scenario.ItemAsync(ProposalState.Accepted)).Id;
        var dialogs = await SignInAsync(Scenario.Office);
        var popovers = Render<MudPopoverProvider>();
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("落实五定", Offered(page)));

        page.Find("button[data-step=SetResponsibility]").Click();
        dialogs.WaitForElement("#responsibility-section");
        Assert.True(dialogs.Find("#responsibility-handler").HasAttribute("disabled"));

        Pick(dialogs, popovers, "#responsibility-section", Scenario.OtherSection.Name);
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("#responsibility-handler").HasAttribute("disabled")));
        // The section's only person and its deputy in charge are filled in.
        Assert.Equal(Scenario.OtherHandler.Name, dialogs.Find("#responsibility-handler").GetAttribute("value"));
        Assert.Equal(Scenario.OtherDeputy.Name, dialogs.Find("#responsibility-leader").GetAttribute("value"));
        OpenSelect(dialogs, "#responsibility-handler");
        popovers.WaitForAssertion(() => Assert.Equal([Scenario.OtherHandler.Name], OpenOptions(popovers)));
        popovers.Find(".mud-popover-open .mud-list-item").Click();
        popovers.WaitForAssertion(() => Assert.Empty(OpenOptions(popovers)));
        OpenSelect(dialogs, "#responsibility-leader");
        popovers.WaitForAssertion(() => Assert.Equal(
            [$"{Scenario.Director.Name}（局长）", $"{Scenario.Deputy.Name}（副局长）", $"{Scenario.OtherDeputy.Name}（副局长）"], OpenOptions(popovers)));

        popovers.FindAll(".mud-popover-open .mud-list-item")[2].Click();
        dialogs.Find("[data-testid=step-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal(Scenario.OtherSection.Name, page.Find("[data-testid=responsibility-section]").TextContent.Trim()));
        Assert.Equal(Scenario.OtherHandler.Name, page.Find("[data-testid=responsibility-handler]").TextContent.Trim());
        Assert.Equal(Scenario.OtherDeputy.Name, page.Find("[data-testid=responsibility-leader]").TextContent.Trim());
        // 五定 complete: handling starts at once (no 开始办理 to click), and the timeline says so.
        Assert.Equal("办理中", page.Find("[data-testid=proposal-state]").TextContent.Trim());
        Assert.DoesNotContain("开始办理", Offered(page));
        var newest = page.FindAll("[data-testid=timeline-entry]").Select(e => e.TextContent).ToList();
        Assert.Contains("开始办理", newest[0]);
        Assert.Contains("五定已落实，自动转入办理", newest[0]);
        Assert.Contains("落实五定", newest[1]);
        Assert.Contains("已落实五定", Snackbars());
    }

    [Fact]
    public async Task TheDirectorSignsOffTheItemAwaitingSignOffAndTheDocumentNumberAppears()
    {
        var id = (await Scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true)).Id;
        var dialogs = await SignInAsync(Scenario.Director);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("签发", Offered(page)));
        Assert.Contains("签发退回", Offered(page));

        page.Find("button[data-step=SignOff]").Click();
        dialogs.WaitForElement("[data-testid=step-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("已答复", page.Find("[data-testid=proposal-state]").TextContent.Trim()));
        Assert.StartsWith("楚市发改复〔2026〕", page.Find("[data-testid=reply-number]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("已签发", Snackbars());
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task AReplyNobodyAnsweredCannotCloseWhileTheWindowIsOpenAndClosesAs未反馈OnceItHasEnded()
    {
        // Replied to today; its proposer has not answered.
        var id = (await Scenario.SignedItemAsync(ProposalState.Replied)).Id;
        var dialogs = await SignInAsync(Scenario.Office);
        var early = RenderPage(id);
        early.WaitForAssertion(() => Assert.Contains("登记评价", Offered(early)));
        Assert.DoesNotContain("办结", Offered(early));

        TestPortal.Time.Advance(TimeSpan.FromDays(40)); // beyond the 20 working days of the evaluation window
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("办结", Offered(page)));
        page.Find("button[data-step=Close]").Click();
        var submit = dialogs.WaitForElement("[data-testid=step-submit]");
        Assert.Contains("本件将按“未反馈”办结（不计入满意率）", dialogs.Markup, StringComparison.Ordinal);
        submit.Click();

        page.WaitForAssertion(() => Assert.Equal("已办结", page.Find("[data-testid=proposal-state]").TextContent.Trim()));
        Assert.Contains("按“未反馈”办结", page.Find("[data-testid=evaluation-closure]").TextContent);
        Assert.Equal("征询意见期满，提出人未反馈", (await FindAsync(id)).ClosingNote);
    }

    [Fact]
    public async Task ARefusedStepShowsTheChineseReasonInsideTheDialogAndKeepsWhatWasTyped()
    {
        var id = (await Scenario.ItemAsync(ProposalState.Accepted)).Id;
        var before = await FindAsync(id);
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("延期", Offered(page)));

        page.Find("button[data-step=ExtendDeadline]").Click();
        dialogs.WaitForElement("#extension-date").Change("2027-12-31");
        dialogs.Find("#extension-reason").Change("需与多个部门协调");
        dialogs.Find("[data-testid=step-submit]").Click();

        // Beyond the 6-month cap: the domain refuses, the dialog stays open with the text, nothing is saved.
        dialogs.WaitForAssertion(() => Assert.Contains("延期不得超过交办日期后6个月", dialogs.Find("[data-testid=step-error]").TextContent));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Equal("需与多个部门协调", dialogs.Find("#extension-reason").GetAttribute("value"));
        Assert.Empty(dialogs.FindAll("[data-testid=step-refresh]"));
        var after = await FindAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Deadline, after.Deadline);
        Assert.Empty(Snackbars());
    }

    [Fact]
    public async Task SendingBackWithoutACommentIsStoppedWithAChineseMessageAndTheDialogStaysOpen()
    {
        // Under review by the section's deputy in charge.
        var id = (await Scenario.ItemAsync(ProposalState.UnderReview)).Id;
        var dialogs = await SignInAsync(Scenario.Deputy);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("审核退回", Offered(page)));
        Assert.Contains("审核通过", Offered(page));

        page.Find("button[data-step=SendBackFromReview]").Click();
        dialogs.WaitForElement("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("请填写修改意见", dialogs.Markup));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(ProposalState.UnderReview, (await FindAsync(id)).State);
    }

    [Fact]
    public async Task AConcurrentChangeIsRefusedKeepsTheTypedTextAndRefreshLetsTheUserSubmitAgain()
    {
        // Drafted by the section's handler.
        var id = (await Scenario.ItemAsync(ProposalState.Drafted)).Id;
        var dialogs = await SignInAsync(Scenario.Handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("拟稿", Offered(page)));

        page.Find("button[data-step=SaveDraft]").Click();
        const string body = "您提出的《关于推进公共数据开放共享的提案》收悉，现答复如下：我局已将公共数据开放纳入明年重点工作。";
        dialogs.WaitForElement("#draft-body").Change(body);

        // Meanwhile the Office logs a call with the proposer on the same item.
        var office = Scenario.Office;
        var loaded = await FindAsync(id);
        var meanwhile = await TestPortal.Scoped<ProposalService>().ExecuteAsync(id, loaded.Version, office, (p, c) =>
            p.LogCommunication(office, CommunicationStage.During, CommunicationMethod.Phone, c.Today, "周八委员", "电话通报办理进展", c));
        Assert.True(meanwhile.IsOk, meanwhile.Error);

        dialogs.Find("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains(office.Name, dialogs.Find("[data-testid=step-error]").TextContent));
        Assert.Contains("登记沟通", dialogs.Find("[data-testid=step-error]").TextContent);
        Assert.Equal(body, dialogs.Find("#draft-body").GetAttribute("value"));

        dialogs.WaitForElement("[data-testid=step-refresh]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=step-error]")));
        Assert.NotNull(dialogs.Find("[data-testid=step-notice]"));
        Assert.Equal(body, dialogs.Find("#draft-body").GetAttribute("value"));
        // The page behind the dialog shows the other person's change.
        page.WaitForAssertion(() => Assert.Contains("电话通报办理进展", page.Find("[data-testid=timeline]").TextContent));

        dialogs.Find("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        page.WaitForAssertion(() => Assert.Equal(body, page.Find("[data-testid=reply-body]").TextContent.Trim()));
        Assert.Contains("已拟稿", Snackbars());
        Assert.Equal(body, (await FindAsync(id)).CurrentReply!.Body);
    }

    [Fact]
    public async Task LoggingACommunicationThroughItsDialogPutsItOnTheTimeline()
    {
        var id = await InProgressAsync();
        var dialogs = await SignInAsync(Scenario.Handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("登记沟通", Offered(page)));

        page.Find("button[data-step=LogCommunication]").Click();
        dialogs.WaitForElement("#communication-summary").Change("电话联系王五委员，了解县域商业体系建设的具体诉求。");
        dialogs.Find("[data-testid=step-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("已登记沟通", Snackbars()));
        var newest = page.FindAll("[data-testid=timeline-entry]")[0];
        Assert.Equal("communication", newest.GetAttribute("data-kind"));
        Assert.Contains("办前联系", newest.TextContent);
        Assert.Contains("电话联系王五委员", newest.TextContent);
        Assert.Contains(Scenario.Handler.Name, newest.TextContent);
        Assert.Single((await FindAsync(id)).Communications);
    }

    [Fact]
    public async Task TheDeadlineIsShownWithHowItWasComputed()
    {
        var id = await InProgressAsync();
        var item = await FindAsync(id);
        await SignInAsync(Scenario.Office);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=deadline-explanation]")));
        Assert.False(string.IsNullOrWhiteSpace(item.DeadlineExplanation));
        Assert.Contains(item.DeadlineExplanation!, page.Find("[data-testid=deadline-explanation]").TextContent);
        Assert.Equal(ChineseDate.Format(item.Deadline!.Value), page.Find("[data-testid=deadline-date]").TextContent.Trim());
        var daysLeft = item.Deadline.Value.DayNumber - new DateOnly(2026, 11, 28).DayNumber;
        Assert.Equal($"剩余{daysLeft}天", page.Find("[data-testid=deadline-days]").TextContent.Trim());
        Assert.Contains(ChineseDate.Format(item.ReturnWindowEndsOn!.Value), page.Find("[data-testid=return-window]").TextContent);
        Assert.Contains(ChineseDate.Format(item.FirstContactDueOn!.Value), page.Find("[data-testid=first-contact]").TextContent);
        Assert.Contains("尚未登记与提出人的沟通", page.Find("[data-testid=first-contact]").TextContent);
    }

    [Fact]
    public async Task TheTimelineListsTheAcceptanceByTheOfficeNewestFirst()
    {
        var id = await InProgressAsync();
        await SignInAsync(Scenario.Handler);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=timeline-entry]")));
        var entries = page.FindAll("[data-testid=timeline-entry]").Select(e => e.TextContent).ToList();
        var accepted = Assert.Single(entries, e => e.Contains($"签收 · {Scenario.Office.Name}", StringComparison.Ordinal));
        Assert.Contains("已登记 → 已签收", accepted);
        Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", accepted);
        // Registration happened first, so it is listed last.
        Assert.Contains($"登记 · {Scenario.Office.Name}", entries[^1]);
        Assert.Contains("开始办理", entries[0]);
    }

    [Fact]
    public async Task TheOpinionDialogPreviewsTheOpinionLetterAsTypedWithoutSavingIt()
    {
        var id = (await Scenario.AssistingItemAsync(ProposalState.InProgress)).Id;
        var handler = Scenario.Handler;

        var preview = JSInterop.Setup<string>("portal.pdfUrl", _ => true);
        preview.SetResult("blob:opinion-preview");
        var dialogs = await SignInAsync(handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("送协办意见", Offered(page)));
        var before = await FindAsync(id);

        page.Find("button[data-step=SendOpinion]").Click();
        dialogs.WaitForElement("[data-testid=opinion-preview]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("请先填写协办意见", dialogs.Find("[data-testid=opinion-preview-error]").TextContent.Trim()));
        dialogs.Find("#opinion-text").Change("建议将相关项目纳入年度重点项目库统筹推进。");
        dialogs.Find("[data-testid=opinion-preview]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("blob:opinion-preview", dialogs.Find("[data-testid=opinion-preview-frame]").GetAttribute("src")));
        var pdf = (byte[])preview.Invocations.Single().Arguments[0]!;
        var text = string.Concat(PdfInspection.Read(pdf).Select(p => p.Text));
        Assert.Contains("建议将相关项目纳入年度重点项目库统筹推进。", text);
        Assert.Contains("协办意见", text);
        Assert.Contains("预览稿", text);
        var after = await FindAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(ProposalState.InProgress, after.State);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /// <summary>第21号, assigned 30 days ago, handling started, nobody has called the proposer yet.</summary>
    private async Task<int> InProgressAsync()
    {
        var id = await Scenario.StartedItemAsync(21, TestPortal.Clock.Today.AddDays(-30));
        // What the user does next happens later than the steps that set the item up, as on a real timeline.
        TestPortal.Time.Advance(TimeSpan.FromMinutes(5));
        return id;
    }

    private static void OpenSelect(IRenderedComponent<MudDialogProvider> dialogs, string inputSelector) =>
        dialogs.Find(inputSelector).Closest(".mud-input-control")!.MouseDown();

    /// <summary>The texts of the options of the select that is open now.</summary>
    private static List<string> OpenOptions(IRenderedComponent<MudPopoverProvider> popovers) =>
        popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();

    private static void Pick(IRenderedComponent<MudDialogProvider> dialogs, IRenderedComponent<MudPopoverProvider> popovers,
        string inputSelector, string option)
    {
        OpenSelect(dialogs, inputSelector);
        popovers.WaitForAssertion(() => Assert.Contains(option, OpenOptions(popovers)));
        popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == option).Click();
    }
}
