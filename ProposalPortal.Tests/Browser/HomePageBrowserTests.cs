using Microsoft.Playwright;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>The portal in real headless Chromium.</summary>
public sealed class HomePageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheHomePageRendersTheFiguresAndAnswersClicksOnceInteractive()
    {
        var page = await browser.NewPageAsync();

        await browser.SignInAsync(page, "yangyi");

        var row = page.Locator("tr[data-year='2022'] td");
        Assert.Equal(["2022 年", "20", "13", "7", "13", "100%", "100%", "100%", "100%", "0", "0"],
            (await row.AllInnerTextsAsync()).Select(t => t.Trim()));

        // The menu button folds the navigation away: only an interactive circuit can do that.
        var drawer = page.Locator(".mud-drawer");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await page.GetByLabel("展开或收起导航").ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "home.png"), FullPage = true });
    }

    [Fact]
    public async Task OnAPhoneTheMenuFloatsOverThePageAndClosesOnceALinkIsChosen()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await browser.SignInAsync(page, "yousi");
        var drawer = page.Locator(".mud-drawer");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));

        await page.GetByLabel("展开或收起导航").ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await page.Locator(".mud-drawer a.mud-nav-link", new() { HasText = "建议提案" }).First.ClickAsync();

        await page.WaitForURLAsync("**/proposals");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await Assertions.Expect(page.Locator("a[data-testid=proposal-title]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "proposals-phone.png"), FullPage = true });
    }
}
