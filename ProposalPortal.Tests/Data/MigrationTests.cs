using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProposalPortal.Data;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Data;

/// <summary>The schema comes from migrations: they apply to an empty file and upgrade a database of the previous version.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task MigrationsApplyToAnEmptyFileAndLeaveNothingPending()
    {
        await using var portal = await TestPortal.StartAsync();
        await using var db = portal.Db();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(File.Exists(portal.DatabasePath));
    }

    [Fact]
    public async Task TheModelHasNoChangesWithoutAMigration()
    {
        await using var portal = await TestPortal.StartAsync();
        await using var db = portal.Db();

        // The same check `dotnet ef migrations has-pending-model-changes` makes.
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed: add a migration");
    }

    [Fact]
    public void ThePostgreSqlSetHasNoChangesWithoutAMigrationEither()
    {
        // The model against PostgreSQL's snapshot: no server needed to compare them.
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "the model changed: add a migration to both sets (--context PostgreSqlPortalDbContext --output-dir Data/Migrations/PostgreSql)");
        // Each context type finds its own set only.
        using var sqlite = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_AuditChainSearchAndCoveringIndexes", StringComparison.Ordinal));
        Assert.Empty(db.Database.GetMigrations().Intersect(sqlite.Database.GetMigrations()));
    }

    [Fact]
    public async Task TheDatabaseRunsInWalMode()
    {
        await using var portal = await TestPortal.StartAsync();
        await using var db = portal.Db();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TheYearsStatisticsFactsAreReadFromACoveringIndex()
    {
        // The index comes from raw SQL (it includes the owned SectionId column), so no model check would miss it.
        await using var portal = await TestPortal.StartAsync();
        await using var db = portal.Db();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT Id, Kind, Level, Role, State, IsKey, Deadline, ClosedOn, SectionId " +
            "FROM Proposals WHERE Year = 2022";
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains("COVERING INDEX IX_Proposals_Year_Facts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADatabaseOfThePreviousVersionUpgradesAndKeepsItsData()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        await using (var db = portal.Db())
        {
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var before = await db.Proposals.CountAsync();

            // Back to the version before the newest migration, then forward again, as an upgrade would.
            await migrator.MigrateAsync(migrations[^2]);
            Assert.Equal(migrations.Count - 1, (await db.Database.GetAppliedMigrationsAsync()).Count());

            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(before, await db.Proposals.CountAsync());
        }

        await AuditTrailRefusesChanges(portal);
    }

    [Fact]
    public async Task TheUpgradeFillsWhoEachItemWaitsForAsTheStepsWould()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        await using var db = portal.Db();
        // What the aggregate's steps stored while the demo data was built.
        var byTheSteps = await db.Proposals.AsNoTracking()
            .ToDictionaryAsync(p => p.Id, p => (p.WaitingForRole, p.WaitingForSectionId));
        Assert.Contains(byTheSteps.Values, w => w.WaitingForRole == WaitingRole.Section);
        Assert.Contains(byTheSteps.Values, w => w.WaitingForRole == WaitingRole.Signer);

        // A database from before the column: back to the migration before WaitingFor, then forward as an upgrade would.
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_WaitingFor", StringComparison.Ordinal)) - 1]);
        await db.Database.MigrateAsync();

        var byTheMigration = await db.Proposals.AsNoTracking()
            .ToDictionaryAsync(p => p.Id, p => (p.WaitingForRole, p.WaitingForSectionId));
        Assert.Equal(byTheSteps, byTheMigration);
    }

    [Fact]
    public async Task TheAuditTrailIsAppendOnlyInTheDatabase()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);

        await AuditTrailRefusesChanges(portal);
    }

    private static async Task AuditTrailRefusesChanges(TestPortal portal)
    {
        await using var db = portal.Db();
        var before = await db.AuditEntries.CountAsync();
        Assert.True(before > 0);

        var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Comment = 'x'"));
        Assert.Contains("审计记录只能追加", update.Message);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries"));
        Assert.Contains("审计记录只能追加", delete.Message);
        Assert.Equal(before, await db.AuditEntries.CountAsync());
    }
}
