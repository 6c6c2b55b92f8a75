using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProposalPortal.Data;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// The static item list in real Chromium: filters are a GET form whose state is the address, and the LiveRefresh
/// island brings in a change made elsewhere without a reload of the document. Over a scenario item with two commitments,
/// one late (<see cref="StaticListBrowserFixture"/>).
/// </summary>
public sealed class StaticListBrowserTests(StaticListBrowserFixture browser) : IClassFixture<StaticListBrowserFixture>
{
    [Fact]
    public async Task ChoosingAFilterPutsItInTheAddressAndARegistrationElsewhereAppearsWithoutAReload()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, ScenarioSite.Office);
        await page.GotoAsync($"{browser.BaseUrl}/proposals?year=all");
        await page.Locator("a[data-testid=proposal-title]").First.WaitForAsync();

        // Choosing a filter submits the GET form: the address carries it, empty filters left out.
        await page.SelectOptionAsync("#filter-kind", "Proposal");
        await page.WaitForURLAsync("**/proposals?year=all&kind=Proposal");
        await Assertions.Expect(page.Locator("#filter-kind")).ToHaveValueAsync("Proposal");

        // A search nobody matches yet, then a registration in another session that matches it.
        await page.FillAsync("#proposal-search", "实时刷新验证");
        await page.PressAsync("#proposal-search", "Enter");
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText("没有符合条件的建议提案。")).ToBeVisibleAsync();
        await page.Locator("[data-testid=live-refresh][data-connected=true]").WaitForAsync(
            new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var proposals = scope.ServiceProvider.GetRequiredService<ProposalService>();
            var (proposal, result) = await proposals.RegisterAsync(new ProposalRegistration(TestPortal.DefaultNow.Year, ProposalKind.Proposal,
                Level.City, "市政协十届五次会议", 9901, "关于实时刷新验证的提案", null, [new Proposer("测试委员")], [],
                DateOnly.FromDateTime(TestPortal.DefaultNow.Date), HandlingRole.Lead), browser.Scenario.Office);
            Assert.True(proposal is not null, result.Error);
        }

        await Assertions.Expect(page.Locator("a[data-testid=proposal-title]", new() { HasText = "关于实时刷新验证的提案" }))
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
    }

    [Fact]
    public async Task CommitmentFiltersAreAGetFormWhoseChoicesLandInTheAddress()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, ScenarioSite.Office);
        await page.GotoAsync($"{browser.BaseUrl}/commitments");
        var year = browser.Scenario.Portal.Clock.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("[data-testid=commitment-row]")).ToHaveCountAsync(2);

        // Each choice submits the form; the default 落实情况 (未落实) is empty and stays out of the address.
        await page.SelectOptionAsync("#commitment-year", year);
        await page.WaitForURLAsync($"**/commitments?year={year}");
        await page.SelectOptionAsync("#commitment-status", "Late");
        await page.WaitForURLAsync($"**/commitments?status=Late&year={year}");

        var row = page.Locator("[data-testid=commitment-row]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(StaticListBrowserFixture.LateCommitment);
        await Assertions.Expect(page.Locator("#commitment-status")).ToHaveValueAsync("Late");
        await Assertions.Expect(page.Locator("#commitment-year")).ToHaveValueAsync(year);
    }

    [Fact]
    public async Task OpeningANoticeOnTheStaticPageMarksItReadAndShowsItsItem()
    {
        long noticeId;
        int item;
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var handler = browser.Scenario.Handler.StaffId;
            item = await db.Proposals.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            var notice = new Notice(handler, item, NoticeKind.Chase, "浏览器验证催办", TestPortal.DefaultNow.AddHours(-1));
            db.Notices.Add(notice);
            await db.SaveChangesAsync();
            noticeId = notice.Id;
        }

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, ScenarioSite.Handler);
        await page.GotoAsync($"{browser.BaseUrl}/notices");
        await page.Locator("[data-testid=notice-open]", new() { HasText = "浏览器验证催办" }).ClickAsync();

        // The endpoint marks it read and redirects; enhanced navigation lands on the interactive item page.
        await page.WaitForURLAsync($"**/proposals/{item}");
        await using var check = await browser.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.NotNull(await check.Notices.Where(n => n.Id == noticeId).Select(n => n.ReadAt).SingleAsync());
        await page.GotoAsync($"{browser.BaseUrl}/notices");
        await Assertions.Expect(page.Locator($"[data-testid=notice][data-notice-id='{noticeId}']")).ToHaveAttributeAsync("data-read", "true");
    }
}

/// <summary>The browser over a scenario item in progress with two commitments: one past its date (late), one due later.</summary>
public sealed class StaticListBrowserFixture : ScenarioBrowserFixture
{
    public const string LateCommitment = "推进公共充电设施建设";

    protected override async Task BuildAsync(Scenario scenario)
    {
        var item = await scenario.ItemAsync(ProposalState.InProgress);
        var handler = scenario.Handler;
        await scenario.StepAsync(item.Id, handler, (p, c) => p.AddCommitment(handler, LateCommitment, null, null, c.Today.AddDays(-10), c));
        await scenario.StepAsync(item.Id, handler, (p, c) => p.AddCommitment(handler, "完善充电设施运营管理", null, null, c.Today.AddDays(60), c));
    }
}
