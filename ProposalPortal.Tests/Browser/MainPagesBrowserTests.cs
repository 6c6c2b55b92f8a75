using Microsoft.Playwright;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>Each main page opens in real Chromium for the role that uses it, in Chinese; a screenshot of each is kept.</summary>
public sealed class MainPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("yousi", "/proposals", "建议提案", "proposals.png", "a[data-testid=proposal-title]")]
    [InlineData("caoshi", "/my-work", "我的待办", "my-work-section.png")]
    [InlineData("qinsan", "/my-work", "我的待办", "my-work-deputy.png")]
    [InlineData("yousi", "/proposals/register", "登记建议提案", "register.png")]
    [InlineData("xuwu", "/admin/staff", "人员", "admin-staff.png")]
    [InlineData("xuwu", "/admin/calendar/2022", "春节", "admin-calendar.png")]
    [InlineData("xuwu", "/admin/rules", "办理时限", "admin-rules.png")]
    public async Task OpensForItsRole(string user, string path, string expected, string screenshot, string? ready = null)
    {
        var page = await browser.NewPageAsync();
        // The Content-Security-Policy must not block anything the portal itself needs: Chromium reports each refusal.
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refusals.Add(message.Text);
            }
        };
        await browser.SignInAsync(page, user);

        await page.GotoAsync(browser.BaseUrl + path);
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(expected);
        if (ready is not null)
        {
            // Pages that load their rows after the circuit is up: the screenshot shows them, not the progress bar.
            await page.Locator(ready).First.WaitForAsync();
        }

        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("您无权访问此页面", text);
        Assert.DoesNotContain("Rows per page", text);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, screenshot), FullPage = true });
        Assert.Empty(refusals);
    }
}
