using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProposalPortal.Data;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>Attachments in the browser: the section uploads, the file comes back to those who may see the item only.</summary>
public sealed class AttachmentBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<int> ItemAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Proposals.Where(p => p.Year == TestPortal.DefaultNow.Year && p.Number == 26).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task TheSectionUploadsAFileThatOnlyPeopleWhoMaySeeTheItemCanDownload()
    {
        var id = await ItemAsync();
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "kongjiu");
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
        await browser.SignInAsync(stranger, "heliu");
        var refused = await stranger.APIRequest.GetAsync(browser.BaseUrl + href);
        Assert.Equal(404, refused.Status);
    }
}
