using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// axe-core over the main pages in a real browser: no WCAG 2.0/2.1 A or AA violation. axe injects its own script,
/// which the portal's strict Content-Security-Policy would refuse, so this test's browser context alone bypasses it.
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData(null, "/public/")]
    [InlineData("yousi", "/proposals")]
    [InlineData("yousi", "/my-work")]
    [InlineData("yangyi", "/supervision")]
    [InlineData("zhuer", "/my-work")]
    [InlineData("heliu", "/my-work")]
    [InlineData("heliu", "/commitments")]
    [InlineData("yousi", "/statistics")]
    [InlineData("xuwu", "/admin/staff")]
    [InlineData("xuwu", "/admin/audit")]
    public async Task TheMainPagesHaveNoWcagAaViolations(string? userName, string path)
    {
        var page = await browser.NewPageAsync(bypassCsp: true);
        if (userName is not null)
        {
            await browser.SignInAsync(page, userName);
        }
        await page.GotoAsync(browser.BaseUrl + path);
        await AssertNoViolationsAsync(page, path);
    }

    [Fact]
    public async Task TheItemPageHasNoWcagAaViolations()
    {
        // Where axe first found the unlabelled file input and the deadline notes posing as a listbox.
        var page = await browser.NewPageAsync(bypassCsp: true);
        await browser.SignInAsync(page, "yousi");
        await page.GotoAsync(browser.BaseUrl + "/proposals?year=all");
        var item = await page.Locator(".proposal-list tbody a[href*='/proposals/']").First.GetAttributeAsync("href");
        await page.GotoAsync(new Uri(new Uri(browser.BaseUrl), item).ToString());
        await BrowserFixture.WaitForCircuitAsync(page);
        await AssertNoViolationsAsync(page, item!);
    }

    private static async Task AssertNoViolationsAsync(IPage page, string path)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var result = await page.RunAxe(WcagAa);

        Assert.True(result.Violations.Length == 0, $"{path}:\n" + string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html + " " + string.Join(",", n.Target)))}")));
    }
}
