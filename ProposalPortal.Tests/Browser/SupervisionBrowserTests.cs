using Microsoft.Playwright;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// 督办看板 live in real Chromium: the deputy director watches the board in one browser while a section's clerk
/// logs a talk with the proposer in another; the board shows it without a reload. Over a scenario with items overdue,
/// due soon, key and on time (<see cref="SupervisionBrowserFixture"/>).
/// </summary>
public sealed class SupervisionBrowserTests(SupervisionBrowserFixture browser) : IClassFixture<SupervisionBrowserFixture>
{
    [Fact]
    public async Task ALeadersBoardShowsASectionsChangeWithoutReloading()
    {
        var item = await browser.Scenario.ItemAsync(ProposalState.InProgress);
        var (id, designation) = (item.Id, item.Designation);

        // The section's deputy opens the board and marks the page, so a reload would show.
        var leader = await browser.NewPageAsync(1600, 1000);
        await browser.SignInAsync(leader, ScenarioSite.Deputy);
        await leader.GotoAsync($"{browser.BaseUrl}/supervision");
        await BrowserFixture.WaitForCircuitAsync(leader);
        var board = leader.GetByTestId("board");
        await Assertions.Expect(board).ToHaveAttributeAsync("data-updates", "0");
        await leader.EvaluateAsync("() => window.__sameDocument = true");

        // The section's handler, in another browser context, logs a phone call with the proposer.
        var section = await browser.NewPageAsync();
        await browser.SignInAsync(section, ScenarioSite.Handler);
        await section.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(section);
        await section.Locator("[data-testid=actions] button[data-step=LogCommunication]").ClickAsync();
        await section.Locator("#communication-summary").FillAsync("电话联系提出人，介绍办理思路，听取意见。");
        var submit = section.Locator("[data-testid=step-submit]");
        await submit.ClickAsync();
        await Assertions.Expect(submit).ToBeHiddenAsync();

        // The board follows within a moment, in the same document.
        await Assertions.Expect(board).ToHaveAttributeAsync("data-updates", "1", new LocatorAssertionsToHaveAttributeOptions { Timeout = 5_000 });
        var latest = leader.Locator("[data-testid=board-activity] tbody tr").First;
        await Assertions.Expect(latest).ToContainTextAsync(browser.Scenario.Handler.Name);
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

    [Fact]
    public async Task TheWallFillsAFullHdScreenWithAllSixPartsAndNoScrolling()
    {
        var page = await browser.NewPageAsync(1920, 1080);
        await browser.SignInAsync(page, ScenarioSite.Deputy);
        await page.GotoAsync($"{browser.BaseUrl}/supervision/wall");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("wall-overdue")).ToBeVisibleAsync();

        foreach (var part in (string[])["wall-figures", "wall-overdue", "wall-due-soon", "wall-sections", "wall-key", "wall-activity"])
        {
            await Assertions.Expect(page.GetByTestId(part)).ToBeInViewportAsync(new LocatorAssertionsToBeInViewportOptions { Ratio = 1 });
        }

        var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        Assert.True(size[0] <= 1920 && size[1] <= 1080, $"the wall is {size[0]}×{size[1]}");
        // Read from three metres: list text at least 24 px.
        var listPx = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('.wall-list, .wall-empty')).fontSize)");
        Assert.True(listPx >= 24, $"the lists' text is {listPx} px");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "supervision-wall-1080p.png") });
    }

    [Fact]
    public async Task TheBoardsTableHeadersStayOnOneLineAt1280Pixels()
    {
        var page = await browser.NewPageAsync(1280, 900);
        await browser.SignInAsync(page, ScenarioSite.Deputy);
        await page.GotoAsync($"{browser.BaseUrl}/supervision");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("thead th").First).ToBeVisibleAsync();

        // Each header cell's text is one line high: its text's client rects all share one top.
        var broken = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('thead th')].filter(th => {
                const range = document.createRange(); range.selectNodeContents(th);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                const lh = parseFloat(getComputedStyle(th).lineHeight) || parseFloat(getComputedStyle(th).fontSize) * 1.5;
                return tops.size > 1 || range.getBoundingClientRect().height > lh * 1.5;
            }).map(th => th.textContent.trim())");
        Assert.True(await page.Locator("thead th").CountAsync() > 5);
        Assert.Empty(broken);
    }
}

/// <summary>
/// The browser over a scenario whose boards have something in every part: more overdue items than a board lists (so the
/// wall is tested full), items due soon, key items and items on time.
/// </summary>
public sealed class SupervisionBrowserFixture : ScenarioBrowserFixture
{
    protected override async Task BuildAsync(Scenario scenario)
    {
        for (var i = 0; i < 12; i++)
        {
            await scenario.ItemAsync(ProposalState.InProgress, daysAgo: 150 - i, key: i % 4 == 0); // past their three months
        }

        for (var i = 0; i < 3; i++)
        {
            await scenario.ItemAsync(ProposalState.InProgress, daysAgo: 85 - i); // due within days
        }

        await scenario.ItemAsync(ProposalState.InProgress, key: true);
        await scenario.ItemAsync(ProposalState.Drafted);
    }
}
