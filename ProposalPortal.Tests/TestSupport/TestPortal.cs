using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ProposalPortal.Data;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The portal's services over a real SQLite file in a temporary folder, with a fake clock.
/// Each instance has its own database, deleted on dispose.
/// </summary>
public sealed class TestPortal : IAsyncDisposable
{
    /// <summary>The day the tests live on: 2026-11-28, 10:00 in 楚雄 (02:00 UTC).</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private readonly bool _demo;
    private readonly IDictionary<string, string?>? _settings;
    private readonly string? _postgreSql;
    private bool _stopped;

    private TestPortal(string folder, bool demo, IDictionary<string, string?>? settings, DateTimeOffset now, string? postgreSql)
    {
        _demo = demo;
        _settings = settings;
        _postgreSql = postgreSql;
        Folder = folder;
        DatabasePath = Path.Combine(folder, "portal.db");
        Time = new FakeTimeProvider(now);
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = postgreSql ?? $"Data Source={DatabasePath}",
            ["Demo:Enabled"] = demo ? "true" : "false",
            ["Admin:InitialPassword"] = "Initial@2026",
            // The boards' debounce waits on the fake clock, which stands still unless a test moves it.
            ["Supervision:SnapshotDebounceMilliseconds"] = "0",
        };
        if (postgreSql is not null)
        {
            values["Database:Provider"] = nameof(DatabaseProvider.PostgreSQL);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        // As in the app: the rules changed in the portal lie over the other settings.
        ConnectionString = values["ConnectionStrings:Portal"]!;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values)
            .Add(new ProposalPortal.Features.Administration.RuleSettingsConfigurationSource(values["ConnectionStrings:Portal"]!,
                DatabaseOptions.ProviderOf(new ConfigurationBuilder().AddInMemoryCollection(values).Build())))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        Provider = DatabaseOptions.ProviderOf(configuration);
        services.AddPortalCore(configuration, folder);
        services.AddPortalAccounts();
        _services = services.BuildServiceProvider();
    }

    public string Folder { get; }

    /// <summary>The SQLite file (on PostgreSQL, unused: see <see cref="ConnectionString"/>).</summary>
    public string DatabasePath { get; }

    /// <summary>The database engine (a test may also point a portal at a PostgreSQL database it made, by settings).</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The portal's connection string on either provider.</summary>
    public string ConnectionString { get; }
    public FakeTimeProvider Time { get; }

    /// <param name="folder">The folder to use (a restore test puts the data there first); a new one by default.</param>
    /// <param name="provider">The database engine; on PostgreSQL a new database of its own (<see cref="PostgreSqlServer"/>).</param>
    public static async Task<TestPortal> StartAsync(bool demo = false, IDictionary<string, string?>? settings = null,
        DateTimeOffset? now = null, string? folder = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        folder ??= NewFolder();
        Directory.CreateDirectory(folder);
        var postgreSql = provider == DatabaseProvider.PostgreSQL ? await PostgreSqlServer.CreateDatabaseAsync() : null;
        var portal = new TestPortal(folder, demo, settings, now ?? DefaultNow, postgreSql);
        await portal.Get<DatabaseInitializer>().InitializeAsync();
        return portal;
    }

    /// <summary>
    /// Stops this portal and starts it again over the same folder (database, signing certificates, attachments), as a
    /// server restart does: whatever singletons read on first use, such as the signing certificate, is read afresh.
    /// The returned portal owns the folder from now on; disposing this one does nothing more.
    /// </summary>
    public async Task<TestPortal> RestartAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _stopped = true;
        var portal = new TestPortal(Folder, _demo, _settings, Time.GetUtcNow(), _postgreSql);
        await portal.Get<DatabaseInitializer>().InitializeAsync();
        return portal;
    }

    /// <summary>A new, empty folder under the temp folder for one test's data.</summary>
    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "proposalportal-tests", Guid.NewGuid().ToString("N"));

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The portal's services, for a bUnit context to fall back on.</summary>
    public IServiceProvider Services => _services;

    /// <summary>A scoped service (the application services are scoped, as in a Blazor circuit).</summary>
    public T Scoped<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public PortalDbContext Db() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    public PortalClock Clock => Get<PortalClock>();

    /// <summary>The named person as the workflow sees them, with the sections a deputy director oversees.</summary>
    public async Task<Actor> ActorAsync(string name)
    {
        await using var db = Db();
        var staff = await db.Staff.SingleAsync(s => s.Name == name);
        var overseen = await db.Sections.Where(s => s.DeputyDirectorId == staff.Id).Select(s => s.Id).ToListAsync();
        return Actor.For(staff, overseen);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgreSql is not null)
        {
            await PostgreSqlServer.DropDatabaseAsync(_postgreSql);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left in the temp folder; it does not affect other tests.
        }
    }
}
