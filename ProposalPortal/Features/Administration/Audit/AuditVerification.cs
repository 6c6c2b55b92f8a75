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
        var connectionString = db.Database.GetConnectionString();
        // A million rows take seconds; SQLite's reads are synchronous, so keep them off the circuit's thread.
        IReadOnlyList<ChainVerification> results = await Task.Run(() => VerifyAll(connectionString!, cancellationToken), cancellationToken);
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
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(file))
        {
            output.WriteLine($"找不到数据库文件：{file}（请检查配置项 ConnectionStrings:Portal）");
            return Task.FromResult(NoDatabase);
        }

        var results = VerifyAll(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString(), cancellationToken);
        foreach (var result in results)
        {
            output.WriteLine(result.Describe());
        }

        return Task.FromResult(results.All(r => r.IsIntact) ? Intact : Broken);
    }

    private static List<ChainVerification> VerifyAll(string connectionString, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // One read transaction: both trails are checked as of the same moment, while the portal keeps writing.
        using var snapshot = connection.BeginTransaction(deferred: true);
        return [.. AuditChain.Tables.Where(t => Exists(snapshot, t)).Select(t => AuditChain.Verify(connection, snapshot, t, cancellationToken))];
    }

    private static bool Exists(SqliteTransaction snapshot, ChainedTable table)
    {
        using var command = snapshot.Connection!.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table.Name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
