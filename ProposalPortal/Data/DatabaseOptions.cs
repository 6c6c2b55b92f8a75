using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace ProposalPortal.Data;

/// <summary>Which database engine holds the portal's data.</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: one server, no database administrator needed.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (or a domestic database speaking its protocol): several bureaus or several nodes.</summary>
    PostgreSQL,
}

/// <summary>The database engine. Bound from "Database"; the connection string stays <c>ConnectionStrings:Portal</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The provider configured, read before the options are bound (the connection string depends on it).</summary>
    public static DatabaseProvider ProviderOf(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new DatabaseOptions();
        config.GetSection(SectionName).Bind(options);
        return options.Provider;
    }
}

/// <summary>
/// What differs between the two engines, in one place: how a context is configured, which context type (and so which
/// migration set) is used, and how a refused unique key is recognised.
/// </summary>
public static class PortalDatabase
{
    /// <summary>Points the options at the engine. The same model serves both; only the migrations differ.</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider == DatabaseProvider.PostgreSQL ? options.UseNpgsql(connectionString) : options.UseSqlite(connectionString);
    }

    /// <summary>
    /// A context of the provider's own type: <see cref="PortalDbContext"/> for SQLite, <see cref="PostgreSqlPortalDbContext"/>
    /// for PostgreSQL, so that EF finds that provider's migrations (each set names its context type).
    /// </summary>
    public static PortalDbContext Create(DbContextOptions<PortalDbContext> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Extensions.Any(e => e.GetType().Name == "NpgsqlOptionsExtension")
            ? new PostgreSqlPortalDbContext(options)
            : new PortalDbContext(options);
    }

    public static bool IsPostgreSql(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql();
    }

    /// <summary>A unique index (or primary key) refused the row: SQLite's constraint error, PostgreSQL's 23505.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException is SqliteException { SqliteErrorCode: 19 }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
    }
}

/// <summary>Creates the provider's own context type for the services that ask for a <see cref="PortalDbContext"/>.</summary>
public sealed class PortalDbContextFactory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => PortalDatabase.Create(options);
}
