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
/// The item page over the real services and the demo data (current-year batch dated relative to 2026-11-28), signed in
/// through bUnit's authorization doubles with the portal's staff claim.
/// </summary>
public sealed class ProposalDetailTests : ItemPageContext
{
    protected override bool Demo => true;




    [Fact]
    public async Task AnotherSectionsStaffOpeningAnItemByIdSeesTheRefusalAndNothingOfTheItem()
    {
        // 第39号 belongs to 经济运行科; 施八 works in 价格管理科.
        var id = await ItemAsync(39);
        await SignInAsync("施八");

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal("找不到该件，或您无权查看该件。", page.Find("[data-testid=not-found]").TextContent.Trim()));
        Assert.DoesNotContain("关于推进公共数据开放共享的提案", page.Markup);
        Assert.DoesNotContain("周八", page.Markup);
        Assert.Empty(page.FindAll("button[data-step]"));
    }

    [Fact]
    public async Task SectionStaffOnAnItemInProgressAreOfferedCommunicationAndDraftingButNotReviewOrSignOff()
    {
        var id = await ItemAsync(21);
        await SignInAsync("何六");

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal("关于推进县域商业体系建设的提案", page.Find("[data-testid=proposal-title]").TextContent.Trim()));
        var offered = Offered(page);
        Assert.Contains("登记沟通", offered);
        Assert.Contains("拟稿", offered);
        Assert.DoesNotContain("签发", offered);
        Assert.DoesNotContain("审核通过", offered);
        Assert.DoesNotContain("送审", offered);
        Assert.Equal("2026年市政协会议第21号提案", page.Find("[data-testid=proposal-designation]").TextContent.Trim());
        Assert.Equal("办理中", page.Find("[data-testid=proposal-state]").TextContent.Trim());
        Assert.Equal("发展规划科", page.Find("[data-testid=responsibility-section]").TextContent.Trim());
        Assert.Equal("何六", page.Find("[data-testid=responsibility-handler]").TextContent.Trim());
        Assert.Equal("朱二", page.Find("[data-testid=responsibility-leader]").TextContent.Trim());
        // Staff see the proposer's phone (the public pages withhold it).
        Assert.StartsWith("138-0000-", page.Find("[data-testid=proposer-phone]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOfficeIsNotOfferedStartHandlingBeforeTheResponsibilityIsSet()
    {
        var id = await ItemAsync(8);
        await SignInAsync("尤四");

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Contains("落实五定", Offered(page)));
        Assert.DoesNotContain("开始办理", Offered(page));
        Assert.Contains("尚未落实五定", page.Find("[data-testid=responsibility]").TextContent);
    }

    [Fact]
    public async Task SettingTheResponsibilityOffersOnlyTheChosenSectionsStaffAndSendsTheItemStraightToHandling()
    {
        var id = await ItemAsync(8);
        var dialogs = await SignInAsync("尤四");
        var popovers = Render<MudPopoverProvider>();
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("落实五定", Offered(page)));

        page.Find("button[data-step=SetResponsibility]").Click();
        dialogs.WaitForElement("#responsibility-section");
        Assert.True(dialogs.Find("#responsibility-handler").HasAttribute("disabled"));

        Pick(dialogs, popovers, "#responsibility-section", "价格管理科");
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("#responsibility-handler").HasAttribute("disabled")));
        // The section's only person and its deputy in charge are filled in.
        Assert.Equal("施八", dialogs.Find("#responsibility-handler").GetAttribute("value"));
        Assert.Equal("秦三", dialogs.Find("#responsibility-leader").GetAttribute("value"));
        OpenSelect(dialogs, "#responsibility-handler");
        popovers.WaitForAssertion(() => Assert.Equal(["施八"], OpenOptions(popovers)));
        popovers.Find(".mud-popover-open .mud-list-item").Click();
        popovers.WaitForAssertion(() => Assert.Empty(OpenOptions(popovers)));
        OpenSelect(dialogs, "#responsibility-leader");
        popovers.WaitForAssertion(() => Assert.Equal(["杨一（局长）", "朱二（副局长）", "秦三（副局长）"], OpenOptions(popovers)));

        popovers.FindAll(".mud-popover-open .mud-list-item")[2].Click();
        dialogs.Find("[data-testid=step-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("价格管理科", page.Find("[data-testid=responsibility-section]").TextContent.Trim()));
        Assert.Equal("施八", page.Find("[data-testid=responsibility-handler]").TextContent.Trim());
        Assert.Equal("秦三", page.Find("[data-testid=responsibility-leader]").TextContent.Trim());
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
        var id = await ItemAsync(5);
        var dialogs = await SignInAsync("杨一");
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
        // 第47号 was replied to a few days ago; its proposer has not answered.
        var id = await ItemAsync(47);
        var dialogs = await SignInAsync("尤四");
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
        var id = await ItemAsync(8);
        var before = await FindAsync(id);
        var dialogs = await SignInAsync("尤四");
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
        // 第42号 is 价格管理科's, under review by the deputy in charge, 秦三.
        var id = await ItemAsync(42);
        var dialogs = await SignInAsync("秦三");
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
        // 第39号: drafted by 经济运行科 (严十一).
        var id = await ItemAsync(39);
        var dialogs = await SignInAsync("严十一");
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("拟稿", Offered(page)));

        page.Find("button[data-step=SaveDraft]").Click();
        const string body = "您提出的《关于推进公共数据开放共享的提案》收悉，现答复如下：我局已将公共数据开放纳入明年重点工作。";
        dialogs.WaitForElement("#draft-body").Change(body);

        // Meanwhile the Office logs a call with the proposer on the same item.
        var office = await ActorAsync("尤四");
        var loaded = await FindAsync(id);
        var meanwhile = await TestPortal.Scoped<ProposalService>().ExecuteAsync(id, loaded.Version, office, (p, c) =>
            p.LogCommunication(office, CommunicationStage.During, CommunicationMethod.Phone, c.Today, "周八委员", "电话通报办理进展", c));
        Assert.True(meanwhile.IsOk, meanwhile.Error);

        dialogs.Find("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("尤四", dialogs.Find("[data-testid=step-error]").TextContent));
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
        var id = await ItemAsync(21);
        var dialogs = await SignInAsync("何六");
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
        Assert.Contains("何六", newest.TextContent);
        Assert.Single((await FindAsync(id)).Communications);
    }

    [Fact]
    public async Task TheDeadlineIsShownWithHowItWasComputed()
    {
        var id = await ItemAsync(21);
        var item = await FindAsync(id);
        await SignInAsync("尤四");

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
        var id = await ItemAsync(21);
        await SignInAsync("何六");

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=timeline-entry]")));
        var entries = page.FindAll("[data-testid=timeline-entry]").Select(e => e.TextContent).ToList();
        var accepted = Assert.Single(entries, e => e.Contains("签收 · 尤四", StringComparison.Ordinal));
        Assert.Contains("已登记 → 已签收", accepted);
        Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日 09:0\d", accepted);
        // Registration happened first, so it is listed last.
        Assert.Contains("登记 · 尤四", entries[^1]);
        Assert.Contains("开始办理", entries[0]);
    }

    [Fact]
    public async Task TheOpinionDialogPreviewsTheOpinionLetterAsTypedWithoutSavingIt()
    {
        int id;
        string handler;
        await using (var db = TestPortal.Db())
        {
            var item = await db.Proposals.Where(p => p.Year == Year && p.Role == HandlingRole.Assisting && p.State == ProposalState.InProgress)
                .Select(p => new { p.Id, p.Responsibility!.HandlerId }).FirstAsync();
            id = item.Id;
            handler = await db.Staff.Where(s => s.Id == item.HandlerId).Select(s => s.Name).SingleAsync();
        }

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
