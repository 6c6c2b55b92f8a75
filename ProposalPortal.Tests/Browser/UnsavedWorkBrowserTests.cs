using Microsoft.Playwright;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>Nothing typed is silently lost: leaving a page with an open dialog asks first.</summary>
public sealed class UnsavedWorkBrowserTests(ScenarioBrowserFixture browser) : IClassFixture<ScenarioBrowserFixture>
{
    /// <summary>An item in progress in the scenario's section (the Office may extend its deadline).</summary>
    private async Task<(int Id, string Title, int State)> ItemAsync()
    {
        var item = await browser.Scenario.ItemAsync(ProposalState.InProgress);
        return (item.Id, item.Title, 0);
    }

    [Fact]
    public async Task LeavingThePageWithAnOpenDialogAsksFirst()
    {
        var (id, _, _) = await ItemAsync();
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, ScenarioSite.Office);
        await page.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=actions] button[data-step=ExtendDeadline]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=step-dialog]")).ToBeVisibleAsync();

        var asked = new TaskCompletionSource<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            await dialog.DismissAsync();
        };
        _ = page.EvaluateAsync("() => { location.href = '/'; }");

        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assertions.Expect(page.Locator("[data-testid=step-dialog]")).ToBeVisibleAsync();
    }
}
