using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// Section staff often work from a phone: 我的待办 and the item page fit a 390 px wide screen without scrolling
/// sideways, the app bar stays one line, and a step dialog fits the screen.
/// </summary>
public sealed class PhoneLayoutBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    private static string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsFolder, name);

    private async Task<IPage> PhoneAsync(string user, string path)
    {
        var page = await browser.NewPageAsync(PhoneWidth, PhoneHeight);
        await browser.SignInAsync(page, user);
        await page.GotoAsync(browser.BaseUrl + path);
        await BrowserFixture.WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>The page's own width, and the elements that stick out past the screen (to name them when it is too wide).</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var wide = width <= PhoneWidth ? [] : await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > 391 || e.scrollWidth > Math.max(e.clientWidth, 391))
              .slice(-12).map(e => `${e.tagName}.${e.className}[${e.dataset.testid ?? ''}] ${Math.round(e.getBoundingClientRect().right)}/${e.scrollWidth}`)
            """);
        Assert.True(width <= PhoneWidth, $"the page is {width} px wide: {string.Join(" | ", wide)}");
    }

    /// <summary>The app bar is one line: as tall as MudBlazor's toolbar, its title on the same line as the sign-out button.</summary>
    private static async Task AssertAppBarOneLineAsync(IPage page)
    {
        var bar = await page.Locator("header.mud-appbar").BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.True(bar.Height <= 64, $"the app bar is {bar.Height} px tall");
        var right = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('header.mud-appbar *')].map(e => e.getBoundingClientRect().right))");
        Assert.True(right <= PhoneWidth, $"the app bar reaches {right} px");
        // Nothing in it wraps: the user's name and 退出 are one line each (a wrapped two-character name stands twice as tall).
        foreach (var part in new[] { page.Locator("[data-testid=current-user]"), page.Locator("header.mud-appbar button[aria-label=退出]") })
        {
            var box = await part.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height <= 40, $"a part of the app bar is {box.Height} px tall: it wrapped");
        }
    }

    [Fact]
    public async Task MyWorkFitsAPhoneWithEveryItemReadable()
    {
        var page = await PhoneAsync("caoshi", "/my-work");
        await Assertions.Expect(page.Locator("[data-testid=my-work-task]").First).ToBeVisibleAsync();

        await AssertFitsAsync(page);
        await AssertAppBarOneLineAsync(page);
        // Not a wide table in a sideways-scrolling box either: the list itself is as wide as the screen.
        var sideways = await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.my-work, .my-work *')].some(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')");
        Assert.False(sideways, "我的待办 scrolls sideways inside the page");
        // Each item stays whole on the narrow screen: its task, its title link and its deadline are all on screen.
        var first = page.Locator("tr[data-proposal-id]").First;
        foreach (var part in new[] { first.Locator("[data-testid=my-work-task]"), first.Locator("a").First, first.Locator("td[data-label=办理时限]") })
        {
            var box = await part.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"an item's part lies at {box.X}–{box.X + box.Width} px");
        }

        // A title one character wide would fit too: the title and the deadline have the width of the card.
        foreach (var part in new[] { first.Locator("a").First, first.Locator("td[data-label=办理时限]") })
        {
            var box = await part.BoundingBoxAsync();
            Assert.True(box!.Width >= 200, $"an item's part is squeezed to {box.Width} px");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("phone-my-work.png"), FullPage = true });
    }

    [Fact]
    public async Task MyWorksSecondPageAndItsPagerFitAPhone()
    {
        // The Office, given more than a page of work: 21 items more to accept.
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var office = Actor.For(await db.Staff.SingleAsync(s => s.Name == "尤四"), []);
            var proposals = scope.ServiceProvider.GetRequiredService<ProposalService>();
            var assignedOn = DateOnly.FromDateTime(TestPortal.DefaultNow.Date);
            for (var number = 1; number <= 21; number++)
            {
                var (_, registered) = await proposals.RegisterAsync(new ProposalRegistration(assignedOn.Year, ProposalKind.Proposal, Level.City,
                    "手机分页测试会议", number, $"关于手机分页测试{number}的提案", "正文", [new Proposer("提案人甲", "138-0000-0001")], ["测试主题"],
                    assignedOn, HandlingRole.Lead), office);
                Assert.True(registered.IsOk, registered.Error);
            }
        }

        var page = await PhoneAsync("yousi", "/my-work?page=2");
        await Assertions.Expect(page.Locator("[data-testid=pager-info]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^第21-\\d+件，共\\d+件$"));
        await Assertions.Expect(page.Locator("[data-testid=my-work-total]")).ToContainTextAsync("共");

        await AssertFitsAsync(page);
        var pager = await page.Locator("[data-testid=pager]").BoundingBoxAsync();
        Assert.NotNull(pager);
        Assert.True(pager.X >= 0 && pager.X + pager.Width <= PhoneWidth, $"the pager lies at {pager.X}–{pager.X + pager.Width} px");
        // Back to the first page by its link: the rows before these.
        await page.Locator("[data-testid=pager] a[aria-label=上一页]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=pager-info]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^第1-20件"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("phone-my-work-pager.png"), FullPage = true });
    }

    [Fact]
    public async Task TheItemPageWithASignedLetterFitsAPhoneAndSoDoesAStepDialog()
    {
        int id;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var year = TestPortal.DefaultNow.Year;
            // An item of the year with a signed letter (its SHA-256 is on the page) that the Office may still correct.
            id = await db.ReplyDocuments.Where(d => db.Proposals.Any(p => p.Id == d.ProposalId && p.Year == year && p.State != ProposalState.Returned))
                .OrderBy(d => d.ProposalId).Select(d => d.ProposalId).FirstAsync();
        }

        var page = await PhoneAsync("yousi", $"/proposals/{id}");
        await Assertions.Expect(page.Locator("[data-testid=proposal-title]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=actions] button[data-step=CorrectRegistration]")).ToBeVisibleAsync();

        await AssertFitsAsync(page);
        await AssertAppBarOneLineAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("phone-item.png"), FullPage = true });

        // The largest step dialog: every field and both buttons within the screen.
        await page.Locator("[data-testid=actions] button[data-step=CorrectRegistration]").ClickAsync();
        var dialog = page.Locator(".mud-dialog").Filter(new LocatorFilterOptions { Has = page.Locator("#correction-reason") });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var box = await dialog.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"the dialog lies at {box.X}–{box.X + box.Width} px");
        Assert.True(box.Y >= 0 && box.Y + box.Height <= PhoneHeight, $"the dialog lies at {box.Y}–{box.Y + box.Height} px down");
        var inside = await dialog.EvaluateAsync<bool>("d => [...d.querySelectorAll('.mud-dialog-content')].every(c => c.scrollWidth <= c.clientWidth)");
        Assert.True(inside, "the dialog's content scrolls sideways");
        var submit = await page.Locator("[data-testid=step-submit]").BoundingBoxAsync();
        Assert.NotNull(submit);
        Assert.True(submit.X + submit.Width <= PhoneWidth && submit.Y + submit.Height <= PhoneHeight, "the dialog's button is off the screen");
        await AssertFitsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("phone-dialog.png") });
    }
}
