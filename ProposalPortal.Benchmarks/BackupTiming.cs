using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// <c>--backup</c>: the real <c>backup</c> and <c>restore</c> commands over the 100,000-item database, timed with a
/// stopwatch (one run costs seconds and writes hundreds of megabytes: not a BenchmarkDotNet micro-benchmark).
/// </summary>
public static class BackupTiming
{
    public static async Task<int> RunAsync(string database, int runs, TextWriter output)
    {
        var work = Path.Combine(Path.GetDirectoryName(database)!, "backup-timing");
        var source = Path.Combine(work, "source");
        Directory.CreateDirectory(source);
        string[] Settings(string folder, string db) =>
        [
            $"--ConnectionStrings:Portal=Data Source={db}",
            $"--Attachments:Folder={Path.Combine(folder, "attachments")}",
            $"--Letters:Signing:Folder={Path.Combine(folder, "signing")}",
            $"--DataProtection:KeysFolder={Path.Combine(folder, "keys")}",
        ];

        await output.WriteLineAsync($"database: {database} ({new FileInfo(database).Length / 1024.0 / 1024.0:0.0} MiB)");
        for (var run = 1; run <= runs; run++)
        {
            var file = Path.Combine(work, $"backup-{run}.zip");
            var target = Path.Combine(work, $"restore-{run}");
            File.Delete(file);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            var clock = Stopwatch.StartNew();
            var backup = await PortalCommands.TryRunAsync(["backup", file, .. Settings(source, database)], TextWriter.Null);
            var backupTime = clock.Elapsed;
            clock.Restart();
            var restore = await PortalCommands.TryRunAsync(["restore", file, .. Settings(target, Path.Combine(target, "portal.db"))], TextWriter.Null);
            var restoreTime = clock.Elapsed;
            SqliteConnection.ClearAllPools();
            if (backup != 0 || restore != 0)
            {
                await output.WriteLineAsync($"run {run}: backup exit {backup}, restore exit {restore}");
                return 1;
            }

            await output.WriteLineAsync($"run {run}: backup {backupTime.TotalSeconds:0.0} s, archive {new FileInfo(file).Length / 1024.0 / 1024.0:0.0} MiB, " +
                $"restore {restoreTime.TotalSeconds:0.0} s, restored database {new FileInfo(Path.Combine(target, "portal.db")).Length / 1024.0 / 1024.0:0.0} MiB, " +
                $"load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }

        Directory.Delete(work, recursive: true);
        return 0;
    }
}
