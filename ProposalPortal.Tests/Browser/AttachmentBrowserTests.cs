using Microsoft.Playwright;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>Attachments in the browser: the section uploads, the file comes back to those who may see the item only.</summary>
public sealed class AttachmentBrowserTests(ScenarioBrowserFixture browser) : IClassFixture<ScenarioBrowserFixture>
{
    /// <summary>An item in progress in the scenario's section.</summary>
    private async Task<int> ItemAsync() => (await browser.Scenario.ItemAsync(ProposalState.InProgress)).Id;

    [Fact]
    public async Task TheSectionUploadsAFileThatOnlyPeopleWhoMaySeeTheItemCanDownload()
    {
        var id = await ItemAsync();
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, ScenarioSite.Handler);
        await page.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);

        await BrowserFixture.ChooseFilesAsync(page.Locator("[data-testid=attachment-input]"), input => input.SetInputFilesAsync(new FilePayload
        {
            Name = "恶意.exe", MimeType = "application/octet-stream", Buffer = [1, 2, 3],
        }), page.GetByTestId("attachment-error"));
        await Assertions.Expect(page.GetByTestId("attachment-error")).ToContainTextAsync("不支持的文件类型（.exe）");

        var content = System.Text.Encoding.UTF8.GetBytes("抽水蓄能电站调研记录");
        await page.Locator("[data-testid=attachment-input]").SetInputFilesAsync(new FilePayload
        {
            Name = "调研记录.txt", MimeType = "text/plain", Buffer = content,
        });
        var link = page.GetByTestId("attachment").GetByRole(AriaRole.Link, new() { Name = "调研记录.txt" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        var href = await link.GetAttributeAsync("href");

        var own = await page.APIRequest.GetAsync(browser.BaseUrl + href);
        Assert.Equal(200, own.Status);
        Assert.Equal(content, await own.BodyAsync());

        var stranger = await browser.NewPageAsync();
        await browser.SignInAsync(stranger, ScenarioSite.OtherHandler);
        var refused = await stranger.APIRequest.GetAsync(browser.BaseUrl + href);
        Assert.Equal(404, refused.Status);
    }
}
