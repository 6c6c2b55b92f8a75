using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel (loopback, a free port) and Debian's headless Chromium driven by Playwright.
/// Playwright cannot download its own browser here: it runs /usr/bin/chromium, which `.ci/test` installs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public PortalFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    /// <summary>Where screenshots go: test-artifacts/ at the repository root.</summary>
    public static string ArtifactsFolder
    {
        get
        {
            var folder = Path.Combine(Repository.Root, "test-artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Without these, Chromium keeps knocking on the closed network of this machine.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Blazor Server answers clicks only once its circuit is up: wait for that before interacting.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(
            new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>
    /// Waits until Blazor's InputFile has hooked its change listener to the element: a file chosen before that is lost
    /// without a trace, which made upload tests fail now and then on a loaded machine. The marker is the property the
    /// framework's InputFile script sets when it initializes the element.
    /// </summary>
    public static Task WaitForFileInputAsync(ILocator input) =>
        input.EvaluateAsync("(e) => new Promise((resolve, reject) => { const t = Date.now(); (function check() { " +
            "if (e._blazorInputFileNextFileId !== undefined) resolve(); else if (Date.now() - t > 30000) reject(new Error('InputFile never initialized')); " +
            "else setTimeout(check, 50); })(); })");

    /// <summary>Signs in through the login form and waits for the home page's circuit.</summary>
    public async Task SignInAsync(IPage page, string userName, string password = ProposalPortal.Features.Account.AccountSeeder.DemoPassword)
    {
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await WaitForCircuitAsync(page);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}
