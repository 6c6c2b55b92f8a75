using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
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
    public async Task TheSquashedMigrationsBuildTheSchemaTheOldOnesBuilt()
    {
        await using var portal = await TestPortal.StartAsync();
        await using var db = portal.Db();
        await db.Database.OpenConnectionAsync();
        // Only the squash is compared: migrations added after it (DataProtectionKeys, issue 14) are newer schema.
        await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().ElementAt(1)); // Baseline, SqlObjects

        // The committed schema is the one the old script builds (so the fixture is what the old migrations made)…
        var old = await OldDatabaseSchemaAsync();
        Assert.Equal(SchemaDump.PreSquash(), old);
        // …and the squashed migrations build the same, but for two column defaults the old migrations needed only to fill
        // rows already there when they added the column (the model always writes both columns, so no insert relies on
        // them); a database made before the squash keeps them, which is harmless.
        var expected = SchemaDump.PreSquash()
            .Select(line => line
                .Replace("\"WaitingForRole\" TEXT NOT NULL DEFAULT 'Nobody'", "\"WaitingForRole\" TEXT NOT NULL", StringComparison.Ordinal)
                .Replace("\"PrintsEvaluationLink\" INTEGER NOT NULL DEFAULT 1", "\"PrintsEvaluationLink\" INTEGER NOT NULL", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, SchemaDump.Describe(db.Database.GetDbConnection()));
    }

    [Fact]
    public async Task ADatabaseMadeByTheMigrationsBeforeTheSquashOpensAndKeepsItsData()
    {
        var folder = TestPortal.NewFolder();
        var file = await OldDatabaseAsync(folder);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await OldRowsAsync(connection);
        }

        await using var portal = await TestPortal.StartAsync(folder: folder);
        await using var db = portal.Db();

        // The history names the squashed migrations, and the migrations after the squash were applied on top: the schema
        // is a new database's, but for the two column defaults the old migrations left (harmless, see above).
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        await db.Database.OpenConnectionAsync();
        await using (var fresh = await TestPortal.StartAsync())
        await using (var freshDb = fresh.Db())
        {
            await freshDb.Database.OpenConnectionAsync();
            var expected = SchemaDump.Describe(freshDb.Database.GetDbConnection())
                .Select(line => line
                    .Replace("\"WaitingForRole\" TEXT NOT NULL", "\"WaitingForRole\" TEXT NOT NULL DEFAULT 'Nobody'", StringComparison.Ordinal)
                    .Replace("\"PrintsEvaluationLink\" INTEGER NOT NULL", "\"PrintsEvaluationLink\" INTEGER NOT NULL DEFAULT 1", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, SchemaDump.Describe(db.Database.GetDbConnection()).Order(StringComparer.Ordinal));
        }

        var item = await db.Proposals.AsNoTracking().SingleAsync();
        Assert.Equal("关于发展屋顶光伏的建议", item.Title);
        Assert.Equal(WaitingRole.Section, item.WaitingForRole);
        // (The start adds the first administrator, as to any database without accounts.)
        Assert.Subset((await db.Staff.Select(s => s.Name).ToListAsync()).ToHashSet(), new HashSet<string> { "何六", "尤四" });

        // The two entries written before the chain are sealed at the start, and the chain verifies.
        var chain = AuditChain.Verify(db.Database.GetDbConnection(), null, AuditChain.ItemAudit);
        Assert.True(chain.IsIntact, chain.FirstBreak?.Reason);
        Assert.Equal(2, chain.Count);
        await AuditTrailRefusesChanges(portal);

        // A second start finds nothing to rewrite.
        await using var again = await portal.RestartAsync();
        await using var db2 = again.Db();
        Assert.Equal(db2.Database.GetMigrations(), await db2.Database.GetAppliedMigrationsAsync());
        Assert.Equal(1, await db2.Proposals.CountAsync());
    }

    [Fact]
    public async Task ADatabaseAtAnOlderMigrationBeforeTheSquashIsRefusedAndLeftAsItWas()
    {
        var folder = TestPortal.NewFolder();
        var file = await OldDatabaseAsync(folder);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM __EFMigrationsHistory WHERE MigrationId = '{PreSquashHistory.LastOldMigration}'";
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestPortal.StartAsync(folder: folder));

        Assert.Contains("请先用上一版本", refused.Message, StringComparison.Ordinal);
        Assert.Contains(PreSquashHistory.LastOldMigration, refused.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
            Assert.Equal(13L, await command.ExecuteScalarAsync());
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ADatabaseOfThePreviousVersionGetsTheSqlObjectsWorkingOnItsRows()
    {
        // The previous version here is the baseline: the tables with rows in them, without the hand-written objects. A
        // scenario gives rows of every kind, published letters among them.
        var demo = await ScenarioPortalAsync();
        int proposals;
        Dictionary<int, (WaitingRole, int?, DeadlineStanding)> byTheSteps;
        string publishedTitle;
        await using (var db = demo.Db())
        {
            proposals = await db.Proposals.CountAsync();
            byTheSteps = await db.Proposals.AsNoTracking().ToDictionaryAsync(p => p.Id, p => (p.WaitingForRole, p.WaitingForSectionId, p.DeadlineStanding));
            Assert.Contains(byTheSteps.Values, w => w.Item1 == WaitingRole.Section);
            Assert.Contains(byTheSteps.Values, w => w.Item1 == WaitingRole.Signer);
            // Going back to the baseline drops the deadline standing; the upgrade's fill must give what the steps gave.
            Assert.Contains(byTheSteps.Values, w => w.Item3 == DeadlineStanding.Running);
            Assert.Contains(byTheSteps.Values, w => w.Item3 == DeadlineStanding.Done);
            publishedTitle = (await demo.Scoped<ProposalPortal.Features.Publication.PublicationService>()
                .ListAsync(new ProposalPortal.Features.Publication.PublicFilter())).Items[0].Title;

            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(migrations[0]);
            Assert.Equal([migrations[0]], await db.Database.GetAppliedMigrationsAsync());
            // Rows as the baseline has them: no hashes, no "waiting for" (the columns' defaults).
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Hash = NULL; UPDATE AdminAuditEntries SET Hash = NULL; " +
                "UPDATE Proposals SET WaitingForRole = 'Nobody', WaitingForSectionId = NULL;");
        }

        // The upgrade: the next start applies the SQL objects' migration and seals the trails.
        await using var portal = await demo.RestartAsync();
        await using (var db = portal.Db())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(proposals, await db.Proposals.CountAsync());
            Assert.Equal(byTheSteps, await db.Proposals.AsNoTracking().ToDictionaryAsync(p => p.Id, p => (p.WaitingForRole, p.WaitingForSectionId, p.DeadlineStanding)));
            await db.Database.OpenConnectionAsync();
            foreach (var table in AuditChain.Tables)
            {
                var chain = AuditChain.Verify(db.Database.GetDbConnection(), null, table);
                Assert.True(chain.IsIntact, chain.FirstBreak?.Reason);
            }

            Assert.True(AuditChain.Verify(db.Database.GetDbConnection(), null, AuditChain.ItemAudit).Count > 0);
        }

        // The search index is new and empty; the first search fills it from the letters published before.
        var found = await portal.Scoped<ProposalPortal.Features.Publication.PublicationService>()
            .ListAsync(new ProposalPortal.Features.Publication.PublicFilter(Keyword: publishedTitle[2..6]));
        Assert.Contains(found.Items, i => i.Title == publishedTitle);
        await AuditTrailRefusesChanges(portal);
    }

    [Fact]
    public async Task TheAuditTrailIsAppendOnlyInTheDatabase()
    {
        await using var portal = await ScenarioPortalAsync();

        await AuditTrailRefusesChanges(portal);
    }

    /// <summary>
    /// A portal with rows of every kind: items waiting for a section, for the signer and for nobody, signed letters
    /// (one published), an assisting opinion, and the administrator's record.
    /// </summary>
    private static async Task<TestPortal> ScenarioPortalAsync()
    {
        var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        await scenario.ItemAsync(ProposalState.Registered);
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.ItemAsync(ProposalState.AwaitingSignOff);
        await scenario.TitledItemAsync("关于加快推进新能源汽车充电设施建设的提案", ProposalState.Closed);
        await scenario.SignedItemAsync(ProposalState.Closed, published: true);
        await scenario.SignedItemAsync(ProposalState.Replied);
        await scenario.AssistingItemAsync(ProposalState.OpinionSent);
        await portal.Get<ProposalPortal.Features.Administration.Audit.AdminAuditLog>().RecordAsync(
            await scenario.AdminPastFirstSignInAsync(), ProposalPortal.Features.Administration.Audit.AdminActions.RuleChange, "办理规则 Rules:Test", "1", "2");
        return portal;
    }

    /// <summary>A database file in <paramref name="folder"/> made by the migrations before the squash (their script).</summary>
    private static async Task<string> OldDatabaseAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "portal.db");
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = SchemaDump.PreSquashScript();
        await command.ExecuteNonQueryAsync();
        return file;
    }

    private static async Task<IReadOnlyList<string>> OldDatabaseSchemaAsync()
    {
        var folder = TestPortal.NewFolder();
        try
        {
            await using var connection = new SqliteConnection($"Data Source={await OldDatabaseAsync(folder)};Pooling=False");
            await connection.OpenAsync();
            var schema = SchemaDump.Describe(connection);
            if (Environment.GetEnvironmentVariable("PORTAL_WRITE_PRESQUASH_SCHEMA") is { Length: > 0 } target)
            {
                await File.WriteAllTextAsync(target, string.Join("\n", schema) + "\n");
            }

            return schema;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Rows as the previous release wrote them: a section, two people, an item being handled and two entries.</summary>
    private static async Task OldRowsAsync(SqliteConnection connection)
    {
        var at = (long)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter()
            .ConvertToProvider(TestPortal.DefaultNow.AddDays(-3))!;
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO Staff (Id, Name, Roles, SectionId, IsSignOffDelegate, IsActive) VALUES (1, '尤四', 4, NULL, 0, 1);
            INSERT INTO Sections (Id, Name, DeputyDirectorId) VALUES (1, '发展规划科', NULL);
            INSERT INTO Staff (Id, Name, Roles, SectionId, IsSignOffDelegate, IsActive) VALUES (2, '何六', 8, 1, 0, 1);
            INSERT INTO Proposals (Id, Year, Kind, Level, Session, Number, Title, AssignedOn, Role, IsKey, State, SectionId, HandlerId,
                ReopenRound, CurrentRoundStartedAt, Version, WaitingForRole, WaitingForSectionId)
            VALUES (1, 2026, 'Proposal', 'City', '市政协十届一次会议', 1, '关于发展屋顶光伏的建议', '2026-11-18', 'Lead', 0, 'InProgress', 1, 2,
                0, {at}, 3, 'Section', 1);
            INSERT INTO Proposer ("Order", Name, ProposalId) VALUES (0, '张三', 1);
            INSERT INTO AuditEntries (ProposalId, At, ActorId, ActorName, Action, FromState, ToState) VALUES
                (1, {at}, 1, '尤四', 'Register', NULL, 'Registered'),
                (1, {at}, 1, '尤四', 'StartHandling', 'Registered', 'InProgress');
            """;
        await command.ExecuteNonQueryAsync();
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
