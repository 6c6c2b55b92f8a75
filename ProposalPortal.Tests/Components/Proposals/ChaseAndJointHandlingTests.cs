using System.Globalization;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Notices;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>
/// 催办 and 并案办理 on the item page, over the real services and a <see cref="Scenario"/>, signed in through bUnit's
/// authorization doubles with the portal's staff claim.
/// </summary>
public sealed class ChaseAndJointHandlingTests : ItemPageContext
{
    // ---- 催办 -------------------------------------------------------------------------------------------

    [Fact]
    public async Task TheOfficeChasesAnItemInProgressAndTheHandlerGetsANoticeWithTheMessage()
    {
        var id = (await Scenario.ItemAsync(ProposalState.InProgress)).Id;
        var handler = Scenario.Handler;
        // The steps that brought the item here left the handler a notice of their own (交办): the chase's is the one more.
        var unreadBefore = await TestPortal.Scoped<NoticeService>().UnreadCountAsync(handler);
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("催办", Offered(page)));
        Assert.Empty(page.FindAll("[data-testid=chases]"));

        page.Find("button[data-step=Chase]").Click();
        var message = dialogs.WaitForElement("#chase-message");
        Assert.Contains(handler.Name, dialogs.Find("[data-testid=chase-recipient]").TextContent);
        Assert.Contains("请抓紧办理", message.GetAttribute("value") ?? message.TextContent);
        dialogs.Find("#chase-message").Change("请于本周五前报送县域商业体系建设答复稿");
        dialogs.Find("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=chase]")));
        var row = page.Find("[data-testid=chase]").TextContent;
        Assert.Contains(Scenario.Office.Name, row);
        Assert.Contains(handler.Name, row);
        Assert.Contains("请于本周五前报送县域商业体系建设答复稿", row);
        var newest = page.FindAll("[data-testid=timeline-entry]")[0];
        Assert.Equal("Chase", newest.GetAttribute("data-action"));
        Assert.Contains($"催办 · {Scenario.Office.Name}", newest.TextContent);
        Assert.Contains("请于本周五前报送县域商业体系建设答复稿", newest.TextContent);
        Assert.Contains("已催办", Snackbars());

        var notices = TestPortal.Scoped<NoticeService>();
        Assert.Equal(unreadBefore + 1, await notices.UnreadCountAsync(handler));
        var notice = Assert.Single(await notices.LatestAsync(handler), n => n.Kind == ProposalPortal.Domain.Notices.NoticeKind.Chase);
        Assert.Equal(id, notice.ProposalId);
        Assert.Contains("请于本周五前报送县域商业体系建设答复稿", notice.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyChaseMessageIsRefusedInTheDialogAndNothingIsSent(string empty)
    {
        var id = (await Scenario.ItemAsync(ProposalState.InProgress)).Id;
        var before = await FindAsync(id);
        var unreadBefore = await TestPortal.Scoped<NoticeService>().UnreadCountAsync(Scenario.Handler);
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("催办", Offered(page)));

        page.Find("button[data-step=Chase]").Click();
        dialogs.WaitForElement("#chase-message").Change(empty);
        dialogs.Find("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("请填写催办内容", dialogs.Markup));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        var after = await FindAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(after.Chases);
        Assert.Equal(unreadBefore, await TestPortal.Scoped<NoticeService>().UnreadCountAsync(Scenario.Handler));
        Assert.Empty(Snackbars());
    }

    // ---- 并案办理 -----------------------------------------------------------------------------------------

    [Fact]
    public async Task TheOfficeLinksTwoLeadItemsAndBothPagesShowTheOtherInTheJointPanel()
    {
        // Both of the same section: 第1号 in progress, 第2号 awaiting sign-off.
        var (aItem, bItem) = (await Scenario.ItemAsync(ProposalState.InProgress), await Scenario.ItemAsync(ProposalState.AwaitingSignOff, proposers: [new Proposer("提案人乙")]));
        var (a, b) = (aItem.Id, bItem.Id);
        await Scenario.ItemAsync(ProposalState.InProgress); // another candidate, which the search leaves out
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(a);
        page.WaitForAssertion(() => Assert.Contains("并案办理", Offered(page)));
        Assert.Empty(page.FindAll("[data-testid=joint-group]"));

        page.Find("button[data-step=JoinGroup]").Click();
        dialogs.WaitForElement("[data-testid=join-candidates]");
        // The item itself is not offered; the year's other lead items are.
        Assert.Empty(dialogs.FindAll($"[data-testid=join-candidate][data-proposal-id='{a}']"));
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("[data-testid=join-candidate]").Count));
        dialogs.Find("#join-search").Change("2");
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=join-candidate]")));
        Pick(dialogs, b);
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=join-picked-item]")));
        dialogs.Find("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=joint-item]")));
        var other = page.Find("[data-testid=joint-item]");
        Assert.Equal(b.ToString(CultureInfo.InvariantCulture), other.GetAttribute("data-proposal-id"));
        Assert.Contains(bItem.Designation, other.TextContent);
        Assert.Contains(bItem.Title, other.TextContent);
        Assert.Contains("提案人乙", other.TextContent);
        Assert.Contains("待签发", other.TextContent);
        Assert.Equal($"/proposals/{b}", other.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("各件仍分别答复、分别评价，编号和办理时限各自独立", page.Find("[data-testid=joint-group]").TextContent);
        Assert.Contains("已并案办理", Snackbars());

        var second = RenderPage(b);
        second.WaitForAssertion(() => Assert.Single(second.FindAll("[data-testid=joint-item]")));
        Assert.Equal(a.ToString(CultureInfo.InvariantCulture), second.Find("[data-testid=joint-item]").GetAttribute("data-proposal-id"));
        Assert.Contains(aItem.Title, second.Find("[data-testid=joint-item]").TextContent);

        var (a2, b2) = (await FindAsync(a), await FindAsync(b));
        Assert.NotNull(a2.JointGroupId);
        Assert.Equal(a2.JointGroupId, b2.JointGroupId);
        Assert.Equal(1, a2.Number);
        Assert.Equal(2, b2.Number);
    }

    [Fact]
    public async Task LinkingWithAnItemAlreadyEvaluatedIsRefusedInsideTheDialogAndNothingIsLinked()
    {
        // 第2号 is already evaluated: too late to handle it together.
        var (a, b) = ((await Scenario.ItemAsync(ProposalState.InProgress)).Id, (await Scenario.ItemAsync(ProposalState.Evaluated)).Id);
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(a);
        page.WaitForAssertion(() => Assert.Contains("并案办理", Offered(page)));

        page.Find("button[data-step=JoinGroup]").Click();
        dialogs.WaitForElement("#join-search").Change("2");
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=join-candidate]")));
        Pick(dialogs, b);
        dialogs.Find("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("不能并案办理", dialogs.Find("[data-testid=step-error]").TextContent));
        Assert.Contains("第2号", dialogs.Find("[data-testid=step-error]").TextContent);
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Single(dialogs.FindAll("[data-testid=join-picked-item]"));
        Assert.Null((await FindAsync(a)).JointGroupId);
        Assert.Null((await FindAsync(b)).JointGroupId);
    }

    [Fact]
    public async Task SubmittingWithoutPickingAnItemIsRefusedInsideTheDialog()
    {
        var a = (await Scenario.ItemAsync(ProposalState.InProgress)).Id;
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(a);
        page.WaitForAssertion(() => Assert.Contains("并案办理", Offered(page)));

        page.Find("button[data-step=JoinGroup]").Click();
        dialogs.WaitForElement("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("请至少选择一件与本件并案办理", dialogs.Find("[data-testid=step-error]").TextContent.Trim()));
        Assert.Null((await FindAsync(a)).JointGroupId);
    }

    [Fact]
    public async Task SectionStaffAreNotOfferedJointHandlingOrChasingNorToUnlink()
    {
        var (a, b) = await TwoItemsAsync();
        var linked = await TestPortal.Scoped<JointHandlingService>().LinkAsync([a, b], Scenario.Office);
        Assert.True(linked.IsOk, linked.Error);
        await SignInAsync(Scenario.Handler);

        var page = RenderPage(a);

        page.WaitForAssertion(() => Assert.Contains("拟稿", Offered(page)));
        Assert.DoesNotContain("并案办理", Offered(page));
        Assert.DoesNotContain("催办", Offered(page));
        // They see the group they work in, but only the Office takes an item out of it.
        Assert.Single(page.FindAll("[data-testid=joint-item]"));
        Assert.Empty(page.FindAll("[data-testid=joint-unlink]"));
    }

    [Fact]
    public async Task TheOfficeUnlinksAnItemAfterConfirming()
    {
        var (a, b) = await TwoItemsAsync();
        var linked = await TestPortal.Scoped<JointHandlingService>().LinkAsync([a, b], Scenario.Office);
        Assert.True(linked.IsOk, linked.Error);
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(a);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=joint-item]")));

        page.Find("[data-testid=joint-unlink]").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".mud-dialog")));
        dialogs.FindAll(".mud-dialog button").Single(x => x.TextContent.Trim() == "取消并案").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=joint-group]")));
        Assert.Null((await FindAsync(a)).JointGroupId);
        Assert.Contains("已取消并案办理", Snackbars());
    }

    [Fact]
    public async Task TheDraftDialogCopiesAJointItemsDraftWithThisItemsTitleInTheOpening()
    {
        var (a, b) = await TwoItemsAsync();
        var linked = await TestPortal.Scoped<JointHandlingService>().LinkAsync([a, b], Scenario.Office);
        Assert.True(linked.IsOk, linked.Error);
        var (aTitle, bTitle) = ((await FindAsync(a)).Title, (await FindAsync(b)).Title);
        var otherBody = (await FindAsync(b)).CurrentReply!.Body;
        Assert.Contains($"您提出的《{bTitle}》", otherBody);
        var dialogs = await SignInAsync(Scenario.Handler);
        var popovers = Render<MudPopoverProvider>();
        var page = RenderPage(a);
        page.WaitForAssertion(() => Assert.Contains("拟稿", Offered(page)));

        page.Find("button[data-step=SaveDraft]").Click();
        dialogs.WaitForElement($"[data-testid=draft-borrow][data-proposal-id='{b}']").Click();

        var expected = otherBody.Replace($"您提出的《{bTitle}》", $"您提出的《{aTitle}》", StringComparison.Ordinal);
        dialogs.WaitForAssertion(() => Assert.Equal(expected, BodyValue(dialogs)));
        Assert.DoesNotContain($"{bTitle}》收悉", BodyValue(dialogs));
        Assert.Contains("第2号", dialogs.Find("[data-testid=draft-borrowed]").TextContent);

        // The user may edit it before saving; what is saved is this item's own draft.
        var edited = expected + "\n(根据提案人甲委员的诉求补充有关内容。)";
        dialogs.Find("#draft-body").Change(edited);
        // A first draft of this item: its own category is still to be chosen.
        dialogs.Find("#draft-category").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-popover-open .mud-list-item")));
        popovers.FindAll(".mud-popover-open .mud-list-item")[0].Click();
        dialogs.Find("[data-testid=step-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(edited, (await FindAsync(a)).CurrentReply!.Body);
        Assert.Equal(otherBody, (await FindAsync(b)).CurrentReply!.Body);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /// <summary>
    /// 第1号 in progress with no draft yet, and 第2号 whose draft (not yet signed) opens with its own title, as a reply does.
    /// </summary>
    private async Task<(int A, int B)> TwoItemsAsync()
    {
        var a = await Scenario.ItemAsync(ProposalState.InProgress);
        var b = await Scenario.ItemAsync(ProposalState.InProgress);
        var draft = ProposalBuilder.Draft() with { Body = $"您提出的《{b.Title}》收悉，现答复如下：\n一、已纳入年度计划。\n感谢您的关心和支持。" };
        await Scenario.StepAsync(b.Id, Scenario.Handler, (p, c) => p.SaveDraft(Scenario.Handler, draft, c));
        return (a.Id, b.Id);
    }

    /// <summary>Ticks the candidate's checkbox in the 并案办理 dialog.</summary>
    private static void Pick(IRenderedComponent<MudDialogProvider> dialogs, int id) =>
        dialogs.Find($"[data-testid=join-candidate][data-proposal-id='{id}'] input[type=checkbox]").Change(true);

    private static string BodyValue(IRenderedComponent<MudDialogProvider> dialogs)
    {
        var body = dialogs.Find("#draft-body");
        return body.GetAttribute("value") ?? body.TextContent;
    }
}
