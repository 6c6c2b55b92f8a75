using Microsoft.Playwright;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// The Office's batch in real Chromium: tick two rows of the static list, 签收, read what was done and refused, and reload
/// the result without running the batch again.
/// </summary>
public sealed class BatchBrowserTests(ScenarioBrowserFixture browser) : IClassFixture<ScenarioBrowserFixture>
{
    [Fact]
    public async Task TheOfficeTicksTwoItemsSignsForThemAndSeesTheOneDoneAndTheOneRefusedWithItsReason()
    {
        const string registeredTitle = "关于加快城区公共充电桩建设的提案", acceptedTitle = "关于完善农村电商服务体系的提案";
        var registered = (await browser.Scenario.TitledItemAsync(registeredTitle, ProposalState.Registered)).Id;
        var accepted = (await browser.Scenario.TitledItemAsync(acceptedTitle, ProposalState.Accepted)).Id;

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, ScenarioSite.Office);
        await page.GotoAsync($"{browser.BaseUrl}/proposals");
        var bar = page.Locator("[data-testid=batch-bar]");
        await bar.WaitForAsync();

        await page.Locator($"tr[data-proposal-id='{registered}'] input[data-testid=batch-select]").CheckAsync();
        await page.Locator($"tr[data-proposal-id='{accepted}'] input[data-testid=batch-select]").CheckAsync();
        await page.SelectOptionAsync("#batch-action", "Accept");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "batch-list.png"), FullPage = true });
        await page.Locator("[data-testid=batch-run]").ClickAsync();

        // The form's POST lands on the batch page, which answers with the result.
        await Assertions.Expect(page.Locator("[data-testid=batch-summary]")).ToHaveTextAsync("签收：已办理1件，未能办理1件。",
            new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        Assert.EndsWith("/proposals/batch", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-testid=batch-done] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"[data-testid=batch-done] tr[data-proposal-id='{registered}']")).ToContainTextAsync(registeredTitle);
        var refused = page.Locator($"[data-testid=batch-refused] tr[data-proposal-id='{accepted}']");
        await Assertions.Expect(refused).ToContainTextAsync(acceptedTitle);
        await Assertions.Expect(refused.Locator("[data-testid=batch-reason]")).ToHaveTextAsync("本件当前状态为「已签收」，不能签收");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "batch-result.png"), FullPage = true });

        // A reload asks for the page afresh and does not send the batch again (a second 催办 would reach everyone twice).
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("请在建议提案列表中勾选要办理的件")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=batch-summary]")).ToHaveCountAsync(0);

        // Back on the list, the item signed for shows its new state.
        await page.Locator("[data-testid=batch-back]").ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-proposal-id='{registered}'] [data-testid=proposal-state]")).ToHaveTextAsync("已签收");
    }
}
