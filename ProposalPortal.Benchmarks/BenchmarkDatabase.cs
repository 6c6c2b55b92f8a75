using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Benchmarks;

/// <summary>What the cached database holds: the sanity check printed before (and after) the benchmarks.</summary>
public sealed record DatabaseSummary(
    long Items, long Sections, long Staff, IReadOnlyList<(int Year, long Items)> ByYear,
    IReadOnlyList<(string State, long Items)> CurrentYearByState, IReadOnlyDictionary<string, long> Tables, long FileBytes)
{
    public bool IsComplete => Items == BenchmarkSettings.Items && Sections == BenchmarkSettings.Sections
        && ByYear.Count == BenchmarkSettings.Years;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant(
            $"  items: {Items:N0} (expected {BenchmarkSettings.Items:N0}), sections: {Sections} (expected {BenchmarkSettings.Sections}), staff: {Staff}"));
        text.AppendLine("  items per year: " + string.Join(", ", ByYear.Select(y => FormattableString.Invariant($"{y.Year}={y.Items:N0}"))));
        text.AppendLine(FormattableString.Invariant($"  {BenchmarkSettings.CurrentYear} by state: ")
            + string.Join(", ", CurrentYearByState.Select(s => FormattableString.Invariant($"{s.State}={s.Items:N0}"))));
        text.AppendLine("  rows: " + string.Join(", ", Tables.Select(t => FormattableString.Invariant($"{t.Key}={t.Value:N0}"))));
        text.Append(FormattableString.Invariant($"  file: {FileBytes / 1024.0 / 1024.0:F1} MiB"));
        return text.ToString();
    }
}

/// <summary>Makes sure the cached synthetic database exists and is complete; generates it otherwise.</summary>
public static class BenchmarkDatabase
{
    private static readonly string[] ChildTables =
        ["Proposer", "ProposalTopic", "Communication", "Reply", "Evaluation", "Commitment", "DeadlineExtension", "AuditEntries", "WorkMeetings", "CalendarDays"];

    /// <summary>Reuses <paramref name="path"/> when it already holds the full data set; regenerates it otherwise.</summary>
    public static async Task<DatabaseSummary> EnsureAsync(string path, TextWriter log, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            var existing = await TrySummarizeAsync(path, cancellationToken);
            if (existing is { IsComplete: true })
            {
                await log.WriteLineAsync($"Reusing cached database {path}");
                return existing;
            }

            await log.WriteLineAsync($"Cached database {path} is incomplete ({existing?.Items ?? 0:N0} items); regenerating.");
            Delete(path);
        }

        await log.WriteLineAsync($"Generating {BenchmarkSettings.Items:N0} items over {BenchmarkSettings.Years} years and " +
            $"{BenchmarkSettings.Sections} sections into {path} (seed {BenchmarkSettings.Seed}) …");
        await using (var fixture = await PortalFixture.OpenAsync(path, cancellationToken: cancellationToken))
        {
            var services = fixture.Services;
            var clock = services.GetRequiredService<PortalClock>();
            var contexts = services.GetRequiredService<WorkflowContextFactory>();
            var generator = new SyntheticPortalGenerator(
                services.GetRequiredService<IDbContextFactory<PortalDbContext>>(),
                await contexts.DeadlinesAsync(cancellationToken),
                services.GetRequiredService<IOptions<WorkflowOptions>>().Value,
                services.GetRequiredService<IOptions<PortalOptions>>().Value.ReplyNumberPrefix,
                clock.Zone,
                clock.Today);
            await generator.GenerateAsync(log, cancellationToken);

            // Fold the WAL into the main file so the cached database is one self-contained file.
            await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }

        var summary = await TrySummarizeAsync(path, cancellationToken)
            ?? throw new InvalidOperationException($"The generated database {path} cannot be read.");
        if (!summary.IsComplete)
        {
            throw new InvalidOperationException($"The generated database is incomplete:{Environment.NewLine}{summary}");
        }

        return summary;
    }

    /// <summary>Counts what the file holds, or null when it is not a portal database.</summary>
    public static async Task<DatabaseSummary?> TrySummarizeAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(cancellationToken);

            async Task<long> Scalar(string sql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            async Task<List<(T Key, long Count)>> Rows<T>(string sql, Func<SqliteDataReader, T> key)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<(T, long)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((key(reader), reader.GetInt64(1)));
                }

                return rows;
            }

            var tables = new Dictionary<string, long>();
            foreach (var table in ChildTables)
            {
                tables[table] = await Scalar($"SELECT COUNT(*) FROM \"{table}\"");
            }

            return new DatabaseSummary(
                await Scalar("SELECT COUNT(*) FROM Proposals"),
                await Scalar("SELECT COUNT(*) FROM Sections"),
                await Scalar("SELECT COUNT(*) FROM Staff"),
                (await Rows("SELECT Year, COUNT(*) FROM Proposals GROUP BY Year ORDER BY Year", r => r.GetInt32(0)))
                    .Select(r => (r.Key, r.Count)).ToList(),
                (await Rows($"SELECT State, COUNT(*) FROM Proposals WHERE Year = {BenchmarkSettings.CurrentYear} GROUP BY State ORDER BY COUNT(*) DESC",
                    r => r.GetString(0))).Select(r => (r.Key, r.Count)).ToList(),
                tables,
                new FileInfo(path).Length);
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
