using Bunit;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>更正登记 on the item page: offered to the Office only, saved with the reason, and shown on the timeline and deadline.</summary>
public sealed class CorrectionDialogTests : ItemPageContext
{
    [Fact]
    public async Task TheOfficeCorrectsTheTitleAndDateAndThePageShowsTheRecomputedDeadlineAndTheTimeline()
    {
        var item = await Scenario.ItemAsync(ProposalState.Accepted, daysAgo: 10);
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(item.Id);
        page.WaitForAssertion(() => Assert.Contains("更正登记", Offered(page)));

        page.Find("button[data-step=CorrectRegistration]").Click();
        dialogs.WaitForElement("#correction-title").Change("关于测试事项的提案（更正）");
        var assigned = item.AssignedOn.AddDays(1);
        dialogs.Find("#correction-assigned").Change(assigned.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        dialogs.Find("#correction-reason").Change("交办函日期有误");
        dialogs.Find("[data-testid=step-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("关于测试事项的提案（更正）", page.Find("[data-testid=proposal-title]").TextContent.Trim()));
        Assert.Equal(ChineseDate.Format(assigned.AddMonths(3)), page.Find("[data-testid=deadline-date]").TextContent.Trim());
        Assert.Contains("更正登记后重新计算", page.Find("[data-testid=deadline-explanation]").TextContent);
        var newest = page.FindAll("[data-testid=timeline-entry]")[0].TextContent;
        Assert.Contains("更正登记 · 鹿文书", newest);
        Assert.Contains("更正理由：交办函日期有误", newest);
        Assert.Contains($"标题：{item.Title} → 关于测试事项的提案（更正）", newest);
        Assert.Contains($"交办日期：{ChineseDate.Format(item.AssignedOn)} → {ChineseDate.Format(assigned)}", newest);
        Assert.Contains("已更正登记", Snackbars());
    }

    [Fact]
    public async Task ARefusedCorrectionKeepsTheDialogOpenWithTheReasonAndChangesNothing()
    {
        var item = await Scenario.ItemAsync(ProposalState.InProgress);
        var other = await Scenario.ItemAsync(ProposalState.Registered);
        var dialogs = await SignInAsync(Scenario.Office);
        var page = RenderPage(item.Id);
        page.WaitForAssertion(() => Assert.Contains("更正登记", Offered(page)));

        page.Find("button[data-step=CorrectRegistration]").Click();
        dialogs.WaitForElement("#correction-number").Change(other.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        dialogs.Find("#correction-reason").Change("编号有误");
        dialogs.Find("[data-testid=step-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains($"第{other.Number}号已由另一件登记", dialogs.Find("[data-testid=step-error]").TextContent));
        Assert.Equal("编号有误", dialogs.Find("#correction-reason").GetAttribute("value") ?? dialogs.Find("#correction-reason").TextContent);
        Assert.Equal(item.Number, (await FindAsync(item.Id)).Number);
    }

    [Fact]
    public async Task SectionStaffAreNotOfferedTheCorrection()
    {
        var item = await Scenario.ItemAsync(ProposalState.InProgress);
        await SignInAsync(Scenario.Handler);

        var page = RenderPage(item.Id);

        page.WaitForAssertion(() => Assert.Contains("拟稿", Offered(page)));
        Assert.DoesNotContain("更正登记", Offered(page));
    }
}
