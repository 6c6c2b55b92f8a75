using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ProposalPortal.Data;

/// <summary>
/// The 14 migrations of the first versions were squashed into <see cref="Migrations.Baseline"/> and
/// <see cref="Migrations.SqlObjects"/>, which build exactly the schema the old 14 left (MigrationTests compares them).
/// A database made before the squash still lists the old ids in <c>__EFMigrationsHistory</c>, so EF would try to apply
/// the baseline over its tables. At start-up, before <c>Migrate</c>, a database whose history ends with the last old
/// migration gets the two new ids instead, in one transaction (and <c>Migrate</c> then applies those after the squash); one that stopped at an older migration is refused: the
/// previous release must first bring it to the last old migration (only the old migrations know how).
/// </summary>
public static class PreSquashHistory
{
    /// <summary>The last migration before the squash: a database there has the squashed schema.</summary>
    public const string LastOldMigration = "20261130021026_WaitingFor";

    /// <summary>How many migrations the squash made: Baseline and SqlObjects, the first two.</summary>
    public const int SquashedMigrations = 2;

    /// <summary>The migration ids before the squash, oldest first.</summary>
    public static readonly IReadOnlyList<string> OldMigrations =
    [
        "20261128040908_InitialCreate",
        "20261128040919_AuditTrailAppendOnly",
        "20261128042306_Identity",
        "20261128043604_Attachments",
        "20261128045128_ChasesNoticesJointHandling",
        "20261128111716_DeadlineNoticesSent",
        "20261128111727_CoveringIndexesForListsAndFigures",
        "20261128112245_AnnualSummaries",
        "20261128112913_ReplyDocuments",
        "20261128115359_RuleSettings",
        "20261128115822_PublicationAndEvaluationLinks",
        "20261130004347_AuditHashChain",
        "20261130004538_LettersWithoutEvaluationLinks",
        LastOldMigration,
    ];

    /// <summary>
    /// Rewrites a pre-squash history to the squashed ids; returns true when it did. Throws, changing nothing, for a
    /// database at an older pre-squash migration.
    /// </summary>
    public static async Task<bool> RewriteAsync(PortalDbContext db, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(logger);
        if (!File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource))
        {
            return false;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (await ScalarAsync(connection, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'",
                    cancellationToken) is 0L)
            {
                return false;
            }

            var applied = new List<string>();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var old = applied.Where(OldMigrations.Contains).ToList();
            if (old.Count == 0)
            {
                return false;
            }

            if (applied[^1] != LastOldMigration || old.Count != OldMigrations.Count)
            {
                throw new InvalidOperationException(
                    $"数据库停留在旧版本的迁移 {applied[^1]}，本版本无法直接升级。请先用上一版本（迁移合并之前的版本）启动一次，" +
                    $"将数据库升级到 {LastOldMigration}，再启动本版本。数据库未作任何改动。");
            }

            // The squash itself (Baseline, SqlObjects) and no more: the migrations after it are not in the old schema, and
            // Migrate applies them next.
            var squashed = db.Database.GetMigrations().Take(SquashedMigrations).ToList();
            var version = ProductInfo.GetVersion();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var dbTransaction = transaction.GetDbTransaction();
            foreach (var id in OldMigrations)
            {
                await ExecuteAsync(connection, dbTransaction, "DELETE FROM __EFMigrationsHistory WHERE MigrationId = $id", cancellationToken, ("$id", id));
            }

            foreach (var id in squashed)
            {
                await ExecuteAsync(connection, dbTransaction, "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ($id, $version)",
                    cancellationToken, ("$id", id), ("$version", version));
            }

            await transaction.CommitAsync(cancellationToken);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("数据库的迁移记录来自合并之前的版本（止于 {Last}），结构与合并后相同：已改记为 {Squashed}",
                    LastOldMigration, string.Join("、", squashed));
            }

            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
