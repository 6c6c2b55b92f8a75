using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Data;

/// <summary>
/// Both audit trails are hash-chained: intact chains verify, and an entry edited or removed behind the portal's back
/// (in a copy of the database, with the triggers dropped) is named, by the page's check and by <c>verify-audit</c>.
/// </summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Actor _admin = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
        _admin = _scenario.Admin;
        // An item trail (three items taken through to closing, one in progress), and a few administrative records.
        for (var i = 0; i < 3; i++)
        {
            await _scenario.ItemAsync(ProposalState.Closed);
        }

        await _scenario.ItemAsync(ProposalState.InProgress);
        var log = _portal.Get<AdminAuditLog>();
        for (var i = 1; i <= 5; i++)
        {
            await log.RecordAsync(_admin, AdminActions.RuleChange, $"办理规则 Rules:Test:{i}", $"{i}", $"{i + 1}");
        }
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AFreshChainVerifiesOnThePageAndFromTheCommandLine()
    {
        var result = await AuditVerification.VerifyAsync(_admin, _portal.Get<IDbContextFactory<PortalDbContext>>());

        Assert.True(result.IsOk, result.Error);
        Assert.All(result.Value!, r => Assert.True(r.IsIntact, r.Describe()));
        await using (var db = _portal.Db())
        {
            var trail = await db.AuditEntries.CountAsync();
            Assert.True(trail > 20, "the items' trail is there to chain");
            Assert.Equal(trail, result.Value!.Single(r => r.Table == AuditChain.ItemAudit).Count);
        }

        Assert.Equal(5, result.Value!.Single(r => r.Table == AuditChain.AdminAudit).Count);
        var (code, output) = await VerifyCommandAsync(_portal.DatabasePath);
        Assert.Equal(AuditVerification.Intact, code);
        Assert.Contains("办理记录：共", output, StringComparison.Ordinal);
        Assert.Contains("管理操作记录：共5条记录，哈希链完整", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAnAdministratorMayVerify()
    {
        var result = await AuditVerification.VerifyAsync(_scenario.Office, _portal.Get<IDbContextFactory<PortalDbContext>>());

        Assert.Equal("只有系统管理员可以校验审计记录", result.Error);
    }

    [Theory]
    [InlineData("AuditEntries", "Comment", "办理记录")]
    [InlineData("AdminAuditEntries", "After", "管理操作记录")]
    public async Task AnEditedEntryIsNamedAsTheFirstBreak(string table, string column, string label)
    {
        var copy = CopyWithoutTriggers();
        var ids = Ids(copy, table);
        var edited = ids[ids.Count / 2];
        Execute(copy, $"UPDATE {table} SET {column} = '事后改动' WHERE Id = {edited}");

        var (code, output) = await VerifyCommandAsync(copy);

        Assert.Equal(AuditVerification.Broken, code);
        Assert.Contains($"{label}：第{ids.Count / 2 + 1}条记录（编号{edited}）处链条断开，记录内容与其哈希值不符", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemovedEntryBreaksTheChainAtTheNextOne()
    {
        var copy = CopyWithoutTriggers();
        var ids = Ids(copy, "AuditEntries");
        Execute(copy, $"DELETE FROM AuditEntries WHERE Id = {ids[3]}");

        var (code, output) = await VerifyCommandAsync(copy);

        Assert.Equal(AuditVerification.Broken, code);
        Assert.Contains($"办理记录：第4条记录（编号{ids[4]}）处链条断开", output, StringComparison.Ordinal);
        Assert.Contains("管理操作记录：共5条记录，哈希链完整", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandSaysWhenThereIsNoDatabase()
    {
        var (code, output) = await VerifyCommandAsync(Path.Combine(_portal.Folder, "missing.db"));

        Assert.Equal(AuditVerification.NoDatabase, code);
        Assert.Contains("找不到数据库文件", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_portal.Folder, "missing.db")), "verifying creates nothing");
    }

    [Fact]
    public async Task TheProgramExitsWithTheVerificationsCode()
    {
        var copy = CopyWithoutTriggers();
        Assert.Equal((0, true), await RunProgramAsync(copy));

        Execute(copy, "UPDATE AdminAuditEntries SET ActorName = '别人' WHERE Id = (SELECT MIN(Id) FROM AdminAuditEntries)");
        var (code, named) = await RunProgramAsync(copy);

        Assert.Equal((1, false), (code, named));
    }

    [Fact]
    public async Task ConcurrentWritersExtendOneChain()
    {
        var log = _portal.Get<AdminAuditLog>();
        // Eight writers at once, each with its own context and connection: SQLite queues them, none forks the chain.
        await Task.WhenAll(Enumerable.Range(1, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await log.RecordAsync(_admin, AdminActions.Unlock, $"账号 writer{writer}", $"第{i}次", null);
            }
        })));

        var result = await AuditVerification.VerifyAsync(_admin, _portal.Get<IDbContextFactory<PortalDbContext>>());
        var admin = result.Value!.Single(r => r.Table == AuditChain.AdminAudit);
        Assert.True(admin.IsIntact, admin.Describe());
        Assert.Equal(85, admin.Count);
    }

    [Fact]
    public async Task EntriesFromBeforeTheChainAreSealedAtStartUpAsTheyWouldHaveBeen()
    {
        // An earlier version's database: the same rows, no hashes yet.
        var copy = CopyWithoutTriggers();
        var sealedAtWrite = Hashes(copy, "AuditEntries");
        Execute(copy, "UPDATE AuditEntries SET Hash = NULL; UPDATE AdminAuditEntries SET Hash = NULL;");

        await using (var upgraded = await TestPortal.StartAsync(settings: new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={copy}" }))
        {
            Assert.Equal(sealedAtWrite, Hashes(copy, "AuditEntries"));
        }

        Assert.Equal(AuditVerification.Intact, (await VerifyCommandAsync(copy)).Code);
    }

    [Fact]
    public void TheHashCoversEveryColumnOfBothTrails()
    {
        foreach (var table in AuditChain.Tables)
        {
            using var connection = Open(_portal.DatabasePath);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name FROM pragma_table_info('{table.Name}') ORDER BY cid";
            var columns = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }

            // A column added later without being added to the chain would go unprotected.
            Assert.Equal(table.Columns.Append("Hash").Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
        }
    }

    private static async Task<(int Code, string Output)> VerifyCommandAsync(string databasePath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={databasePath}" })
            .Build();
        using var output = new StringWriter();
        var code = await AuditVerification.RunCommandAsync(configuration, Path.GetDirectoryName(databasePath)!, output);
        return (code, output.ToString());
    }

    /// <summary>Runs the built program as an operator would: <c>ProposalPortal verify-audit</c>. Returns the exit code and whether stdout says intact.</summary>
    private static async Task<(int Code, bool Intact)> RunProgramAsync(string databasePath)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "ProposalPortal.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        start.ArgumentList.Add(AuditVerification.Command);
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={databasePath}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, !output.Contains("链条断开", StringComparison.Ordinal));
    }

    private string CopyWithoutTriggers()
    {
        var path = Path.Combine(_portal.Folder, $"copy-{Guid.NewGuid():N}.db");
        using (var source = Open(_portal.DatabasePath))
        using (var target = Open(path))
        {
            // The online backup API: a copy of portal.db alone would miss what is still in the WAL.
            source.BackupDatabase(target);
        }

        Execute(path, """
            DROP TRIGGER AuditEntries_NoUpdate; DROP TRIGGER AuditEntries_NoDelete;
            DROP TRIGGER AdminAuditEntries_NoUpdate; DROP TRIGGER AdminAuditEntries_NoDelete;
            """);
        return path;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<long> Ids(string path, string table) =>
        [.. Rows(path, $"SELECT Id FROM {table} ORDER BY Id").Select(r => (long)r!)];

    private static List<string?> Hashes(string path, string table) =>
        [.. Rows(path, $"SELECT Hash FROM {table} ORDER BY Id").Select(r => r as string)];

    private static List<object?> Rows(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?>();
        while (reader.Read())
        {
            rows.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return rows;
    }
}
