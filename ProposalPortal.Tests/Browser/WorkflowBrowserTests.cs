using Microsoft.Playwright;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// One item from 办理中 to 已答复 in real Chromium, the way the bureau does it: the section drafts and sends it to
/// review, the deputy in charge approves, the director signs off; each person in their own browser session.
/// </summary>
public sealed class WorkflowBrowserTests(ScenarioBrowserFixture browser) : IClassFixture<ScenarioBrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsFolder, name);

    /// <summary>An item in progress in the scenario's section.</summary>
    private async Task<(int Id, string Title, ProposalState State)> ItemAsync()
    {
        var item = await browser.Scenario.ItemAsync(ProposalState.InProgress);
        return (item.Id, item.Title, item.State);
    }

    private static async Task TakeStepAsync(IPage page, string step, Func<ILocator, Task>? fill = null)
    {
        await page.Locator($"[data-testid=actions] button[data-step={step}]").ClickAsync();
        var dialog = page.Locator("[data-testid=step-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        if (fill is not null)
        {
            await fill(dialog);
        }

        // MudBlazor renders the dialog's actions beside, not inside, the element that carries the test id.
        var submit = page.Locator("[data-testid=step-submit]");
        await submit.ClickAsync();
        await Assertions.Expect(submit).ToBeHiddenAsync();
    }

    internal static async Task ChooseAsync(IPage page, string inputId, string option)
    {
        // Click the select itself (not its hidden input) and wait until its list is open before picking.
        await page.Locator($"div.mud-select:has(#{inputId})").Last.ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = option }).First;
        await item.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await item.ClickAsync();
    }

    [Fact]
    public async Task TheSectionDraftsTheDeputyApprovesAndTheDirectorSignsOff()
    {
        var (id, title, state) = await ItemAsync();
        Assert.Equal(ProposalState.InProgress, state);

        // The section's handler drafts the reply and sends it to review.
        var section = await browser.NewPageAsync();
        await browser.SignInAsync(section, ScenarioSite.Handler);
        await section.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(section);
        await Assertions.Expect(section.GetByTestId("proposal-title")).ToHaveTextAsync(title);
        await TakeStepAsync(section, "SaveDraft", async dialog =>
        {
            await ChooseAsync(section, "draft-category", "A类");
            await ChooseAsync(section, "draft-disclosure", "公开");
            await section.Locator("#draft-body").FillAsync("您提出的《关于加快抽水蓄能电站前期工作的提案》收悉，现答复如下：我局已将项目纳入“十四五”能源规划。感谢您的关心和支持。");
        });
        await Assertions.Expect(section.GetByTestId("proposal-state")).ToHaveTextAsync("已拟稿");
        await TakeStepAsync(section, "SubmitForReview");
        await Assertions.Expect(section.GetByTestId("proposal-state")).ToHaveTextAsync("待审核");
        await section.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("item-under-review.png"), FullPage = true });

        // The deputy in charge of the section approves.
        var deputy = await browser.NewPageAsync();
        await browser.SignInAsync(deputy, ScenarioSite.Deputy);
        await deputy.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(deputy);
        await TakeStepAsync(deputy, "ApproveReview");
        await Assertions.Expect(deputy.GetByTestId("proposal-state")).ToHaveTextAsync("待签发");

        // The director signs off: the reply gets its document number.
        var director = await browser.NewPageAsync();
        await browser.SignInAsync(director, ScenarioSite.Director);
        await director.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(director);
        await TakeStepAsync(director, "SignOff");
        await Assertions.Expect(director.GetByTestId("proposal-state")).ToHaveTextAsync("已答复");
        await Assertions.Expect(director.GetByTestId("reply-number")).ToContainTextAsync($"楚市发改复〔{TestPortal.DefaultNow.Year}〕");

        // The timeline tells the story, newest first.
        var timeline = await director.Locator("body").InnerTextAsync();
        var scenario = browser.Scenario;
        foreach (var line in new[] { "签发", "审核通过", "送审", "拟稿", scenario.Director.Name, scenario.Deputy.Name, scenario.Handler.Name })
        {
            Assert.Contains(line, timeline);
        }

        await director.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("item-replied.png"), FullPage = true });
    }

    [Fact]
    public async Task AnotherSectionOpeningTheItemByAddressSeesARefusal()
    {
        var (id, title, _) = await ItemAsync();
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, ScenarioSite.OtherHandler);

        await page.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);

        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        Assert.DoesNotContain(title, await page.Locator("body").InnerTextAsync());
    }
}
