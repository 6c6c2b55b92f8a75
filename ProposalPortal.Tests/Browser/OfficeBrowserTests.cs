using Microsoft.Playwright;
using ProposalPortal.Tests.Features.Import;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>The Office's pages in real Chromium: importing a list, the statistics of 2022, the annual summary.</summary>
public sealed class OfficeBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheOfficeUploadsAListSeesThePreviewAndImportsIt()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "yousi");
        await page.GotoAsync(browser.BaseUrl + "/import");
        await BrowserFixture.WaitForCircuitAsync(page);
        var rows = ImportFiles.CleanRows().Select(r => { var c = (string[])r.Clone(); c[2] = "浏览器测试届次"; return c; }).ToList();
        var file = Path.Combine(Path.GetTempPath(), $"交办清单-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, ImportFiles.Xlsx(rows));

        try
        {
            await BrowserFixture.ChooseFilesAsync(page.Locator("input[type=file]").Last, input => input.SetInputFilesAsync(file),
                page.Locator("[data-testid=import-summary]"));

            await Assertions.Expect(page.Locator("[data-testid=import-summary]")).ToContainTextAsync("可导入3件");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "import-preview.png"), FullPage = true });
            await page.Locator("[data-testid=import-confirm]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=import-done]")).ToContainTextAsync("已导入3件");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("yangyi", "/statistics?year=2022", "办结率", "statistics-2022.png")]
    [InlineData("yousi", "/summary", "年度办理工作总结", "summary.png")]
    public async Task OpensForItsRole(string user, string path, string expected, string screenshot)
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, user);

        await page.GotoAsync(browser.BaseUrl + path);
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(expected);

        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("您无权访问此页面", text);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, screenshot), FullPage = true });
    }

    [Fact]
    public async Task ChoosingAYearOnTheStatisticsPageShowsThatYearInTheAddressAndTheFigures()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "yangyi");
        await page.GotoAsync(browser.BaseUrl + "/statistics?year=2022");
        await BrowserFixture.WaitForCircuitAsync(page);
        var received2022 = await page.Locator("[data-testid=figure-received] [data-testid=figure-value]").InnerTextAsync();

        // A static page: the native select submits its GET form (portal.js), the address says the year.
        await page.Locator("#statistics-year").SelectOptionAsync("2021");

        await page.WaitForURLAsync(url => url.Contains("year=2021", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#statistics-year")).ToHaveValueAsync("2021");
        await Assertions.Expect(page.Locator("[data-testid=export-figures]")).ToHaveAttributeAsync("href", "/statistics/2021/figures.xlsx");
        Assert.NotEqual(received2022, await page.Locator("[data-testid=figure-received] [data-testid=figure-value]").InnerTextAsync());
    }
}
