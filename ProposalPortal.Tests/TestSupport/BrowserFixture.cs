using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel (loopback, a free port) and Debian's headless Chromium driven by Playwright.
/// Playwright cannot download its own browser here: it runs /usr/bin/chromium, which `.ci/test` installs.
/// This one runs the app with the demo data and signs in its accounts; <see cref="ScenarioBrowserFixture"/> runs it
/// with a scenario's people instead.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture()
        : this(new PortalFactory())
    {
    }

    /// <summary>A browser over <paramref name="app"/>, which must not have started yet (it is moved onto Kestrel).</summary>
    protected BrowserFixture(PortalFactory app) => App = app;

    public PortalFactory App { get; }
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    /// <summary>Where screenshots go: test-artifacts/ at the repository root.</summary>
    public static string ArtifactsFolder => Repository.Artifacts;

    /// <summary>The password <see cref="SignInAsync"/> signs in with unless told.</summary>
    protected virtual string DefaultPassword => ProposalPortal.Features.Account.AccountSeeder.DemoPassword;

    public virtual async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's headless Chromium, as every browser test (and the two-node test) runs it.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        // Without these, Chromium keeps knocking on the closed network of this machine.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"],
    });

    /// <param name="bypassCsp">Only for a test that injects its own script (axe-core): relaxes the portal's strict
    /// Content-Security-Policy in this browser context alone; the app still sends it.</param>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Blazor Server answers clicks only once its circuit is up: wait for that before interacting.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(
            new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>
    /// Chooses files on a Blazor InputFile (<paramref name="choose"/>) and waits until the page shows it took them
    /// (<paramref name="taken"/> visible). InputFile hooks its change listener only after its first interactive render,
    /// and a file chosen before that is lost without a trace; nothing public says when the hook is in place, so the
    /// files are chosen again until the page answers. Use it for a first choice whose answer is harmless to repeat
    /// (a preview, a refusal).
    /// </summary>
    public static async Task ChooseFilesAsync(ILocator input, Func<ILocator, Task> choose, ILocator taken)
    {
        ArgumentNullException.ThrowIfNull(choose);
        ArgumentNullException.ThrowIfNull(taken);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await choose(input);
            try
            {
                await taken.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < until)
            {
                // Not taken yet: the listener was not in place when the files were chosen.
            }
        }
    }

    /// <summary>Signs in through the login form and waits for the home page's circuit.</summary>
    public async Task SignInAsync(IPage page, string userName, string? password = null)
    {
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password ?? DefaultPassword);
        await page.ClickAsync("button[type=submit]");
        await WaitForCircuitAsync(page);
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// The browser over a <see cref="ScenarioSite"/>: the real app without demo data on Kestrel, a <see cref="Scenario"/>
/// beside it and its people's accounts (<see cref="ScenarioSite.Office"/> …), which <see cref="BrowserFixture.SignInAsync"/>
/// signs in with the scenario's password.
/// </summary>
public class ScenarioBrowserFixture : BrowserFixture
{
    private readonly BuildingSite _site;

    public ScenarioBrowserFixture()
        : this(new BuildingSite())
    {
    }

    private ScenarioBrowserFixture(BuildingSite site)
        : base(site.Factory)
    {
        _site = site;
        site.Build = BuildAsync;
    }

    public ScenarioSite Site => _site;

    public Scenario Scenario => _site.Scenario;

    protected override string DefaultPassword => Scenario.AccountPassword;

    public override async Task InitializeAsync()
    {
        // The app starts on Kestrel first; the scenario is then built in its database.
        await base.InitializeAsync();
        await _site.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _site.DisposeAsync();
    }

    /// <summary>The items a test class's world needs, built once for the class (none by default).</summary>
    protected virtual Task BuildAsync(Scenario scenario) => Task.CompletedTask;

    /// <summary>The site, building what the fixture asks for.</summary>
    private sealed class BuildingSite : ScenarioSite
    {
        public Func<Scenario, Task> Build { get; set; } = _ => Task.CompletedTask;

        protected override Task BuildAsync(Scenario scenario) => Build(scenario);
    }
}
