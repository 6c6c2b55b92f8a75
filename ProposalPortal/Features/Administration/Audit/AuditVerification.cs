using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Administration.Audit;

/// <summary>
/// Checks both audit trails' hash chains (<see cref="AuditChain"/>): from the administrator's page, and from the
/// command line as <c>ProposalPortal verify-audit</c>, which exits 0 when both are intact, 1 naming the first broken
/// entry otherwise, and 2 when there is no database to check.
/// </summary>
public static class AuditVerification
{
    public const string Command = "verify-audit";

    public const int Intact = 0;
    public const int Broken = 1;
    public const int NoDatabase = 2;

    /// <summary>Both trails, for the page; refused unless the actor is an administrator.</summary>
    public static async Task<Result<IReadOnlyList<ChainVerification>>> VerifyAsync(
        Actor actor, IDbContextFactory<PortalDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(dbFactory);
        if (!actor.Has(StaffRoles.Admin))
        {
            return Result.Refused("只有系统管理员可以校验审计记录");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IReadOnlyList<ChainVerification> results;
        if (db.IsPostgreSql())
        {
            // The context's own connection: Npgsql does not hand a password back out of an opened connection string.
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            results = await Task.Run(() => VerifyAll(connection, cancellationToken), cancellationToken);
            return Result<IReadOnlyList<ChainVerification>>.Ok(results);
        }

        var connectionString = db.Database.GetConnectionString();
        // A million rows take seconds; the reads are synchronous, so keep them off the circuit's thread.
        results = await Task.Run(() => VerifyAll(DatabaseProvider.Sqlite, connectionString!, cancellationToken), cancellationToken);
        return Result<IReadOnlyList<ChainVerification>>.Ok(results);
    }

    /// <summary>
    /// <c>ProposalPortal verify-audit</c>: checks the database of <c>ConnectionStrings:Portal</c> read-only, without
    /// starting the portal or migrating anything, and prints one line per trail.
    /// </summary>
    public static Task<int> RunCommandAsync(IConfiguration configuration, string contentRoot, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var connectionString = PortalServices.ResolveConnectionString(configuration, contentRoot);
        var provider = DatabaseOptions.ProviderOf(configuration);
        List<ChainVerification> results;
        if (provider == DatabaseProvider.PostgreSQL)
        {
            try
            {
                results = VerifyAll(provider, connectionString, cancellationToken);
            }
            catch (Npgsql.NpgsqlException e)
            {
                output.WriteLine($"无法连接数据库：{e.Message}（请检查配置项 ConnectionStrings:Portal）");
                return Task.FromResult(NoDatabase);
            }
        }
        else
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (!File.Exists(file))
            {
                output.WriteLine($"找不到数据库文件：{file}（请检查配置项 ConnectionStrings:Portal）");
                return Task.FromResult(NoDatabase);
            }

            results = VerifyAll(provider, new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString(), cancellationToken);
        }

        foreach (var result in results)
        {
            output.WriteLine(result.Describe());
        }

        return Task.FromResult(results.All(r => r.IsIntact) ? Intact : Broken);
    }

    private static List<ChainVerification> VerifyAll(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        using DbConnection connection = provider == DatabaseProvider.PostgreSQL
            ? new Npgsql.NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        connection.Open();
        return VerifyAll(connection, cancellationToken);
    }

    private static List<ChainVerification> VerifyAll(DbConnection connection, CancellationToken cancellationToken)
    {
        // One read transaction: both trails are checked as of the same moment, while the portal keeps writing
        // (SQLite's deferred transaction; on PostgreSQL a repeatable-read snapshot).
        using var snapshot = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : connection.BeginTransaction(IsolationLevel.RepeatableRead);
        return [.. AuditChain.Tables.Where(t => Exists(snapshot, t)).Select(t => AuditChain.Verify(connection, snapshot, t, cancellationToken))];
    }

    private static bool Exists(DbTransaction snapshot, ChainedTable table)
    {
        using var command = snapshot.Connection!.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = snapshot.Connection is SqliteConnection
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name"
            : "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = @name";
        var name = command.CreateParameter();
        name.ParameterName = "name";
        name.Value = table.Name;
        command.Parameters.Add(name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
