using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// The portal's services over one SQLite file, registered exactly as the app registers them
/// (<see cref="PortalServices.AddPortalCore"/>), with a fixed clock and the demo data off.
/// </summary>
public sealed class PortalFixture : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    private PortalFixture(ServiceProvider provider)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
    }

    public IServiceProvider Services => _scope.ServiceProvider;

    public StatisticsService Statistics => Services.GetRequiredService<StatisticsService>();

    public ProposalQueryService Queries => Services.GetRequiredService<ProposalQueryService>();

    /// <summary>Builds the services over <paramref name="databasePath"/> and runs the app's own initializer.</summary>
    /// <param name="postgreSql">A PostgreSQL connection string: the services run there instead (<c>--postgresql</c>).</param>
    public static async Task<PortalFixture> OpenAsync(string databasePath, Action<IServiceCollection>? configure = null,
        string? postgreSql = null, CancellationToken cancellationToken = default)
    {
        var connection = postgreSql ?? new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = postgreSql is null ? nameof(DatabaseProvider.Sqlite) : nameof(DatabaseProvider.PostgreSQL),
                ["ConnectionStrings:Portal"] = connection,
                ["Demo:Enabled"] = "false",
                // Used only where the portal seeds its first administrator account on a new database.
                ["Admin:InitialPassword"] = "Bench@2026-admin",
            })
            .Build();

        var services = new ServiceCollection();
        // Registered before AddPortalCore, whose TryAdd keeps it.
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(BenchmarkSettings.Now));
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPortalCore(config, AppContext.BaseDirectory);
        // The initializer also seeds the first account (Admin:InitialPassword above), so it needs the account services.
        services.AddPortalAccounts();
        configure?.Invoke(services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

        return new PortalFixture(provider);
    }

    /// <summary>The Office clerk's view: sees every item.</summary>
    public static Actor Office => new(0, "办公室(基准测试)", StaffRoles.Office);

    /// <summary>A handler of <paramref name="sectionId"/>: sees only that section's items.</summary>
    public static Actor SectionStaff(int sectionId) => new(0, "科室人员(基准测试)", StaffRoles.SectionStaff, sectionId);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
        // Close pooled connections so the file is not held open (and its WAL is checkpointed).
        SqliteConnection.ClearAllPools();
    }
}
