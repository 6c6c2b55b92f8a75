using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// A browser's item page reads the item once: the prerender loads it and the island's circuit, starting right after,
/// shows that load (handed over by persistent component state) instead of loading it again (BENCHMARKS.md, issue 17:
/// the second load was the circuit's costliest work in the many-users run).
/// </summary>
public sealed class ItemPageLoadBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OpeningAnItemInABrowserLoadsItOnceForThePrerenderAndTheCircuit()
    {
        int id;
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            id = await db.Proposals.Where(p => p.State == ProposalState.InProgress && p.Role == HandlingRole.Lead)
                .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }

        // What one load of the page reads of the item itself (its split query), as the office reads it.
        var actor = await new ItemDriver(browser.App.Services, ItemDriver.Accounts.Demo).ActorAsync("yousi");
        await using var scope = browser.App.Services.CreateAsyncScope();
        var oneLoad = (await SqlCommandRecorder.RecordAsync(() =>
            scope.ServiceProvider.GetRequiredService<ProposalPageQuery>().LoadAsync(id, actor))).Count(c => ReadsItem(c, id));
        Assert.InRange(oneLoad, 1, 20);

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "yousi");
        int opened;
        using (var recording = SqlCommandRecorder.RecordDatabase(browser.App.DatabasePath))
        {
            await page.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
            await page.Locator("[data-testid=item-island][data-interactive=true]").WaitForAsync(
                new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            opened = recording.Commands.Count(c => ReadsItem(c, id));
        }

        Assert.Equal(oneLoad, opened);
        // The item, shown by the circuit, and nothing left waiting for a circuit.
        await Assertions.Expect(page.Locator("[data-testid=actions]")).ToBeVisibleAsync();
        Assert.Equal(0, browser.App.Services.GetRequiredService<PrerenderedPages>().Count);
    }

    [Fact]
    public async Task OpeningAnItemFromTheListByEnhancedNavigationAlsoLoadsItOnce()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "yousi");
        await page.GotoAsync($"{browser.BaseUrl}/proposals?year=all");
        await page.Locator("[data-testid=live-refresh][data-connected=true]").WaitForAsync(
            new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        var link = page.Locator("a[data-testid=proposal-title]").First;
        var id = int.Parse((await link.GetAttributeAsync("href"))!.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

        var actor = await new ItemDriver(browser.App.Services, ItemDriver.Accounts.Demo).ActorAsync("yousi");
        await using var scope = browser.App.Services.CreateAsyncScope();
        var oneLoad = (await SqlCommandRecorder.RecordAsync(() =>
            scope.ServiceProvider.GetRequiredService<ProposalPageQuery>().LoadAsync(id, actor))).Count(c => ReadsItem(c, id));

        // The list's circuit is running: the item page comes by enhanced navigation and its island joins that circuit.
        int opened;
        using (var recording = SqlCommandRecorder.RecordDatabase(browser.App.DatabasePath))
        {
            await link.ClickAsync();
            await page.WaitForURLAsync($"**/proposals/{id}");
            await page.Locator("[data-testid=item-island][data-interactive=true]").WaitForAsync(
                new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            opened = recording.Commands.Count(c => ReadsItem(c, id));
        }

        Assert.Equal(oneLoad, opened);
    }

    /// <summary>A statement of the item's split query: each reads "the item with this id" for one of its parts.</summary>
    private static bool ReadsItem(RecordedCommand command, int id) =>
        command.Sql.Contains("FROM \"Proposals\" AS \"p\"", StringComparison.Ordinal)
        && command.Sql.Contains("\"p\".\"Id\" = @id", StringComparison.Ordinal)
        && command.Parameters.Any(p => p.Name == "@id" && Equals(Convert.ToInt32(p.Value, System.Globalization.CultureInfo.InvariantCulture), id));
}
