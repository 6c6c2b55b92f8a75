using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// 督办看板 live in real Chromium: the deputy director watches the board in one browser while a section's clerk
/// logs a talk with the proposer in another; the board shows it without a reload.
/// </summary>
public sealed class SupervisionBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ALeadersBoardShowsASectionsChangeWithoutReloading()
    {
        int id;
        string designation;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var planning = await db.Sections.SingleAsync(s => s.Name == "发展规划科");
            var item = await db.Proposals.FirstAsync(p => p.Year == TestPortal.DefaultNow.Year && p.State == ProposalState.InProgress
                && p.Responsibility != null && p.Responsibility.SectionId == planning.Id);
            (id, designation) = (item.Id, item.Designation);
        }

        // 朱二 opens the board and marks the page, so a reload would show.
        var leader = await browser.NewPageAsync(1600, 1000);
        await browser.SignInAsync(leader, "zhuer");
        await leader.GotoAsync($"{browser.BaseUrl}/supervision");
        await BrowserFixture.WaitForCircuitAsync(leader);
        var board = leader.GetByTestId("board");
        await Assertions.Expect(board).ToHaveAttributeAsync("data-updates", "0");
        await leader.EvaluateAsync("() => window.__sameDocument = true");

        // 何六 of 发展规划科, in another browser context, logs a phone call with the proposer.
        var section = await browser.NewPageAsync();
        await browser.SignInAsync(section, "heliu");
        await section.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(section);
        await section.Locator("[data-testid=actions] button[data-step=LogCommunication]").ClickAsync();
        await section.Locator("#communication-summary").FillAsync("电话联系提出人,介绍办理思路,听取意见。");
        var submit = section.Locator("[data-testid=step-submit]");
        await submit.ClickAsync();
        await Assertions.Expect(submit).ToBeHiddenAsync();

        // The board follows within a moment, in the same document.
        await Assertions.Expect(board).ToHaveAttributeAsync("data-updates", "1", new LocatorAssertionsToHaveAttributeOptions { Timeout = 5_000 });
        var latest = leader.Locator("[data-testid=board-activity] tbody tr").First;
        await Assertions.Expect(latest).ToContainTextAsync("何六");
        await Assertions.Expect(latest).ToContainTextAsync(designation);
        Assert.True(await leader.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await leader.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "supervision-board.png"), FullPage = true });

        // The wall display of the same board: no navigation, large type.
        await leader.GotoAsync($"{browser.BaseUrl}/supervision/wall");
        await BrowserFixture.WaitForCircuitAsync(leader);
        await Assertions.Expect(leader.GetByTestId("figure-overdue")).ToBeVisibleAsync();
        Assert.Equal(0, await leader.Locator(".mud-drawer").CountAsync());
        await leader.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "supervision-wall.png") });
    }
}
