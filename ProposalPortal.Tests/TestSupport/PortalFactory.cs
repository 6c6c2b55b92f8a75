using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The real app (Program) over its own SQLite file with the demo data and a fake clock: the fixture of the
/// full-app tests.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public PortalFactory()
    {
        Folder = Path.Combine(Path.GetTempPath(), "proposalportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }
    public string DatabasePath => Path.Combine(Folder, "portal.db");
    public FakeTimeProvider Time { get; } = new(TestPortal.DefaultNow);

    /// <summary>The public address the full-app tests run with (as a real deployment must have one).</summary>
    public const string PublicBaseUrl = "https://jyta.example.gov.cn";

    /// <summary>Whether the app loads the demo data; a real deployment starts empty with one administrator.</summary>
    protected virtual bool Demo => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Outside Development the framework serves static web assets (blazor.web.js, MudBlazor) only from a
        // published wwwroot; the tests run from the build output, so they are mapped from the manifest instead.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Enabled", Demo ? "true" : "false");
        // Outside Development the portal refuses to start without a public address that is not this machine.
        builder.UseSetting("Public:BaseUrl", PublicBaseUrl);
        builder.UseSetting("Admin:InitialPassword", RealDeploymentFactory.InitialPassword);
        // The development signing certificate is made in the test's folder, not beside the app.
        builder.UseSetting("Letters:Signing:Folder", Path.Combine(Folder, "signing"));
        // The boards' debounce waits on the app's clock, which is fake here and stands still.
        builder.UseSetting("Supervision:SnapshotDebounceMilliseconds", "0");
        // Live refreshes are spaced on the same clock: 0 (a refresh on every change), or a second change on an open
        // list would wait for a clock that never moves.
        builder.UseSetting("Supervision:LiveRefreshMinIntervalMilliseconds", "0");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}

/// <summary>A real deployment: no demo data, one administrator whose initial password comes from configuration.</summary>
public sealed class RealDeploymentFactory : PortalFactory
{
    public const string InitialPassword = "Initial@2026";

    protected override bool Demo => false;
}
