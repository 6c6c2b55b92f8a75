using Microsoft.Playwright;

namespace ProposalPortal.Benchmarks;

/// <summary>Debian's headless Chromium as the browser benchmarks drive it, and the portal's sign-in form.</summary>
internal static class BenchmarkBrowser
{
    /// <summary>Chromium without the background work (updates, sync, networking) that would add noise to a timing.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArgs) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", .. extraArgs],
        });

    /// <summary>Fills and submits the sign-in form; the caller waits for what shows that it is done.</summary>
    public static async Task SubmitSignInAsync(IPage page, string url, string userName, string password)
    {
        await page.GotoAsync(url + "/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }
}
