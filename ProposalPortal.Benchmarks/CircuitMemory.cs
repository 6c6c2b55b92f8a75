using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// What one signed-in Blazor circuit on the item list costs the server: the real app on Kestrel (loopback), N
/// Chromium tabs each signed in and interactive on /proposals, the server's managed heap after full collections
/// measured before and after. The browser runs in its own processes, so its memory is not counted; the harness's own
/// Playwright objects are, which makes the figure a slight over-estimate.
/// </summary>
public static class CircuitMemory
{
    public static async Task<int> RunAsync(int circuits, string path = "/proposals")
    {
        var folder = Path.Combine(Path.GetTempPath(), "proposalportal-circuits", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var app = new WebApplicationFactory<ProposalPortal.Data.PortalDbContext>() // any type of the portal assembly names its entry point
           .WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Public:BaseUrl", "https://jyta.example.gov.cn");
            b.UseStaticWebAssets();
            b.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(folder, "portal.db")}");
            b.UseSetting("Demo:Enabled", "true");
        });
        app.UseKestrel(0);
        app.StartServer();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchmarkBrowser.LaunchAsync(playwright);

        // Sign in once; every tab reuses the cookie, as colleagues' browsers each hold their own.
        var login = await browser.NewContextAsync();
        var loginPage = await login.NewPageAsync();
        await BenchmarkBrowser.SubmitSignInAsync(loginPage, url, "yousi", "Demo@2022");
        await loginPage.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var state = await login.StorageStateAsync();
        await login.CloseAsync();

        // Warm up: the first list page loads code, EF models and caches that are not per-circuit.
        await OpenListAsync(browser, state, url, path);
        await Task.Delay(1000);
        var before = Heap();

        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            pages.Add(await OpenListAsync(browser, state, url, path));
        }

        await Task.Delay(2000);
        var after = Heap();
        var perCircuit = (after - before) / (double)circuits;
        Console.WriteLine($"circuits: {circuits}");
        Console.WriteLine($"server managed heap before: {before / 1024.0 / 1024.0:0.0} MB, after: {after / 1024.0 / 1024.0:0.0} MB");
        Console.WriteLine($"per signed-in circuit on {path}: {perCircuit / 1024.0:0} KB (target < 1024 KB)");
        Console.WriteLine($"process working set: {Environment.WorkingSet / 1024.0 / 1024.0:0} MB");
        if (Environment.GetEnvironmentVariable("PORTAL_CIRCUITS_PAUSE") is { Length: > 0 } pause && int.TryParse(pause, out var seconds))
        {
            // Time to take a heap dump of this process with the circuits still open: dotnet-gcdump collect -p PID.
            Console.WriteLine($"pausing {seconds} s for a heap dump of process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }

        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }

        SqliteConnection.ClearAllPools();
        return perCircuit < 1024 * 1024 ? 0 : 1;
    }

    private static async Task<IPage> OpenListAsync(IBrowser browser, string state, string url, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url + path);
        await page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.Locator("table tbody tr, .mud-alert").First.WaitForAsync(new() { Timeout = 60_000 });
        // A static page's circuit is its islands' (the bell, the live refresh): count it once it is up.
        if (await page.Locator("[data-testid=live-refresh]").CountAsync() > 0)
        {
            await page.Locator("[data-testid=live-refresh][data-connected=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }

        return page;
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
