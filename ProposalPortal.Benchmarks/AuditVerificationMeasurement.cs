using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ProposalPortal.Data;
using ProposalPortal.Features.Administration.Audit;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project ProposalPortal.Benchmarks -- --audit [entries]</c>: the time to verify the item
/// audit trail's hash chain over a million entries (issue 12), as <c>ProposalPortal verify-audit</c> does it, and the
/// time to seal the same entries once, as the first start after an upgrade does. Not a BenchmarkDotNet run: one
/// verification takes seconds, so three timed runs and the process's peak memory say what matters.
/// </summary>
public static class AuditVerificationMeasurement
{
    private static readonly string[] Steps = ["Register", "Accept", "SetResponsibility", "StartHandling", "LogCommunication", "SaveDraft", "SubmitForReview", "ApproveReview", "SignOff", "Publish"];
    private static readonly string[] States = ["Registered", "Accepted", "InProgress", "Drafted", "UnderReview", "AwaitingSignOff", "Replied", "Evaluated", "Closed"];

    public static async Task<int> RunAsync(int entries)
    {
        var folder = Path.Combine(Path.GetTempPath(), "proposalportal-audit-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "portal.db");
        try
        {
            await using (var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={path}").Options))
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            var clock = Stopwatch.StartNew();
            Insert(path, entries);
            Console.WriteLine($"inserted {entries:N0} unsealed item audit entries in {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1024 / 1024} MiB)");

            clock.Restart();
            long sealedCount;
            using (var connection = Open(path))
            using (var transaction = connection.BeginTransaction())
            {
                sealedCount = AuditChain.Seal(connection, transaction, AuditChain.ItemAudit);
                transaction.Commit();
            }

            Console.WriteLine($"sealed {sealedCount:N0} entries (as the first start after an upgrade) in {clock.Elapsed.TotalSeconds:F1} s");

            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={path}" }).Build();
            var runs = new List<double>();
            for (var run = 1; run <= 3; run++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                clock.Restart();
                using var output = new StringWriter(CultureInfo.InvariantCulture);
                var code = await AuditVerification.RunCommandAsync(configuration, folder, output);
                runs.Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"verify run {run}: {clock.Elapsed.TotalSeconds:F2} s, exit {code}, allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024 / 1024} MiB in all; {output.ToString().Trim().Replace(Environment.NewLine, " | ", StringComparison.Ordinal)}");
                if (code != AuditVerification.Intact)
                {
                    return 1;
                }
            }

            Console.WriteLine($"verify median: {runs.Order().ElementAt(1):F2} s over {entries:N0} entries; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // The entries name items the measurement does not create: no foreign-key check on this connection.
    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Foreign Keys=False");
        connection.Open();
        return connection;
    }

    /// <summary>Rows shaped like the workflow's (a step, two states, a comment on one in four), without hashes, as before the upgrade.</summary>
    private static void Insert(string path, int entries)
    {
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO AuditEntries (ProposalId, At, ActorId, ActorName, Action, FromState, ToState, Comment) " +
            "VALUES ($proposal, $at, $actor, $name, $action, $from, $to, $comment)";
        var proposal = command.Parameters.Add("$proposal", SqliteType.Integer);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var actor = command.Parameters.Add("$actor", SqliteType.Integer);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var action = command.Parameters.Add("$action", SqliteType.Text);
        var from = command.Parameters.Add("$from", SqliteType.Text);
        var to = command.Parameters.Add("$to", SqliteType.Text);
        var comment = command.Parameters.Add("$comment", SqliteType.Text);
        var start = new DateTimeOffset(2017, 1, 3, 1, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var i = 0; i < entries; i++)
        {
            proposal.Value = i % 100_000 + 1;
            at.Value = start + i * TimeSpan.TicksPerMinute * 5;
            actor.Value = i % 129 + 1;
            name.Value = i % 3 == 0 ? "尤四" : "能源一科 科员" + (i % 40).ToString(CultureInfo.InvariantCulture);
            action.Value = Steps[i % Steps.Length];
            from.Value = States[i % States.Length];
            to.Value = States[(i + 1) % States.Length];
            comment.Value = i % 4 == 0 ? "已与代表电话沟通，代表对办理进度表示理解，同意按计划推进。" : DBNull.Value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
