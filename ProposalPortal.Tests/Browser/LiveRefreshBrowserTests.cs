using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ProposalPortal.Components.Layout;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// A change that reaches an open list while its reader leaves it (BENCHMARKS.md, issue 17, session 7: ten errors in
/// five minutes of the many-users run). NavigationManager.Refresh sent the refresh to a page that was gone; no answer
/// came, the call timed out, and the framework logged "Failed to refresh" as an error and ended the circuit.
/// </summary>
public sealed class LiveRefreshBrowserTests : IAsyncLifetime
{
    private readonly LoggedPortalFactory _app = new();
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = null!;

    public async Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    [Fact]
    public async Task AChangeArrivingAsTheReaderLeavesTheListIsDroppedWithoutAnError()
    {
        var page = await (await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" })).NewPageAsync();

        // The circuit's socket passes through the test, which can hold back the server's refresh call: the page is
        // then still there but has not taken the refresh yet, as when the reader clicks away at that moment.
        var holdRefresh = false;
        var refreshHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteWebSocketAsync(url => url.Contains("/_blazor", StringComparison.Ordinal), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame => Forward(frame, server.Send, server.Send));
            server.OnMessage(frame =>
            {
                if (Volatile.Read(ref holdRefresh) && Contains(frame, "refresh"u8))
                {
                    refreshHeld.TrySetResult();
                    return;
                }

                Forward(frame, socket.Send, socket.Send);
            });
        });

        await page.GotoAsync(_baseUrl + "/account/login");
        await page.FillAsync("#username", "yousi");
        await page.FillAsync("#password", ProposalPortal.Features.Account.AccountSeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.GotoAsync($"{_baseUrl}/proposals?year=all");
        await page.Locator("[data-testid=live-refresh][data-connected=true]").WaitForAsync(
            new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Volatile.Write(ref holdRefresh, true);

        var outcome = _app.Logs.WaitForAsync(e => e.Level >= LogLevel.Error
            || (e.Category == typeof(LiveRefresh).FullName && e.Message.Contains("Live refresh dropped", StringComparison.Ordinal)));
        var driver = new ItemDriver(_app.Services, ItemDriver.Accounts.Demo);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var (proposal, result) = await scope.ServiceProvider.GetRequiredService<ProposalService>().RegisterAsync(
                new ProposalRegistration(TestPortal.DefaultNow.Year, ProposalKind.Proposal, Level.City, "市政协十届五次会议", 9902,
                    "关于离开页面时刷新的提案", null, [new Proposer("测试委员")], [], DateOnly.FromDateTime(TestPortal.DefaultNow.Date),
                    HandlingRole.Lead), await driver.ActorAsync("yousi"));
            Assert.True(proposal is not null, result.Error);
        }

        // The refresh is on its way; the reader leaves (the page tells the server its circuit is done).
        await refreshHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.GotoAsync("about:blank");

        // Waits for the refresh's end either way: dropped by the island, or the error the framework logged.
        var first = await outcome.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(_app.Logs.Entries.Where(e => e.Level >= LogLevel.Error)
            .Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}"));
        Assert.Equal(LogLevel.Debug, first.Level);
    }

    [Fact]
    public async Task TheListRefreshesForTheItemItShowsAndNotForAnotherAndTheRefreshedPageHandsItsIslandTheNewRows()
    {
        var driver = new ItemDriver(_app.Services, ItemDriver.Accounts.Demo);
        var office = await driver.ActorAsync("yousi");
        int shownId, otherId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var (proposal, result) = await scope.ServiceProvider.GetRequiredService<ProposalService>().RegisterAsync(
                new ProposalRegistration(TestPortal.DefaultNow.Year, ProposalKind.Proposal, Level.City, "市政协十届五次会议", 9903,
                    "关于只刷新相关列表的提案", null, [new Proposer("测试委员")], [], DateOnly.FromDateTime(TestPortal.DefaultNow.Date),
                    HandlingRole.Lead), office);
            Assert.True(proposal is not null, result.Error);
            shownId = proposal.Id;
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            otherId = await db.Proposals.Where(p => p.Id != shownId).Select(p => p.Id).FirstAsync();
        }

        var page = await (await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" })).NewPageAsync();
        await page.GotoAsync(_baseUrl + "/account/login");
        await page.FillAsync("#username", "yousi");
        await page.FillAsync("#password", ProposalPortal.Features.Account.AccountSeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.GotoAsync($"{_baseUrl}/proposals?year=all&q=只刷新相关列表");
        var island = page.Locator("[data-testid=live-refresh][data-connected=true]");
        await island.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Equal([shownId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            await page.Locator("tr[data-proposal-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.proposalId)"));

        // The page's own fetches again (enhanced navigations), counted as the browser sends them.
        var refreshes = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/proposals?", StringComparison.Ordinal)
                && request.Headers.TryGetValue("accept", out var accept) && accept.Contains("blazor-enhanced-nav", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref refreshes);
            }
        };

        var notifier = _app.Services.GetRequiredService<ProposalPortal.Features.Supervision.ISupervisionNotifier>();
        Task ChangeAsync(int id)
        {
            _app.Time.Advance(TimeSpan.FromSeconds(1)); // each page drawn at its own time: the island's data-drawn moves
            return notifier.PublishAsync(new ProposalPortal.Features.Supervision.SupervisionChange(
                ProposalPortal.Features.Supervision.SupervisionChangeKind.Chase, [id], [], _app.Time.GetUtcNow(), "测试催办", []));
        }

        async Task WaitForNewScopeAsync(string? drawn) => await page.WaitForFunctionAsync(
            "d => document.querySelector('[data-testid=live-refresh]')?.dataset.drawn !== d", drawn, new PageWaitForFunctionOptions { Timeout = 30_000 });

        // The item shown changes: the page is fetched again, and its island gets the new page's scope.
        var drawn = await island.GetAttributeAsync("data-drawn");
        await ChangeAsync(shownId);
        await WaitForNewScopeAsync(drawn);
        Assert.Equal(1, Volatile.Read(ref refreshes));

        // Another item (neither shown nor matching the search), then the shown one: one more refresh, not two.
        drawn = await island.GetAttributeAsync("data-drawn");
        await ChangeAsync(otherId);
        await ChangeAsync(shownId);
        await WaitForNewScopeAsync(drawn);
        Assert.Equal(2, Volatile.Read(ref refreshes));
        Assert.Empty(_app.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
    }

    private static void Forward(IWebSocketFrame frame, Action<byte[]> binary, Action<string> text)
    {
        if (frame.Binary is { } bytes)
        {
            binary(bytes);
        }
        else
        {
            text(frame.Text ?? string.Empty);
        }
    }

    private static bool Contains(IWebSocketFrame frame, ReadOnlySpan<byte> word) =>
        frame.Binary is { } bytes ? bytes.AsSpan().IndexOf(word) >= 0 : (frame.Text ?? string.Empty).Contains(System.Text.Encoding.UTF8.GetString(word), StringComparison.Ordinal);

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>The full app with its log kept (errors of every category, the island's own debug lines), and the JS
    /// interop timeout of a circuit shortened from a minute so that an unanswered call ends within the test.</summary>
    private sealed class LoggedPortalFactory : PortalFactory
    {
        public CapturingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging
                .AddProvider(Logs)
                .AddFilter<CapturingLoggerProvider>(null, LogLevel.Information)
                .AddFilter<CapturingLoggerProvider>(typeof(LiveRefresh).FullName, LogLevel.Debug));
            builder.ConfigureServices(services =>
                services.Configure<CircuitOptions>(o => o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(2)));
        }
    }
}
