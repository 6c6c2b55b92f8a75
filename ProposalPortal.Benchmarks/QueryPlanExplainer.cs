using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// <c>--explain</c>: runs every scenario once against the cached database, captures the SQL that EF actually sends
/// (with its parameters), and prints each command's <c>EXPLAIN QUERY PLAN</c> and a quick Stopwatch median.
/// For diagnosing a missed target without touching the app.
/// </summary>
public static class QueryPlanExplainer
{
    /// <summary>Calls before timing: tiered compilation promotes a method after 30 calls.</summary>
    internal const int WarmupCalls = 40;

    public static async Task<string> ExplainAsync(string databasePath, int runs = 15)
    {
        var capture = new CommandCapture();
        await using var fixture = await PortalFixture.OpenAsync(databasePath,
            services => services.ConfigureDbContext<PortalDbContext>(o => o.AddInterceptors(capture), ServiceLifetime.Singleton));
        var inputs = await ScenarioInputs.LoadAsync(fixture);
        var connectionString = fixture.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContext().Database.GetConnectionString();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Query plans ({databasePath}, section {inputs.SectionName} = {inputs.SectionId})");
        foreach (var scenario in Scenarios.All)
        {
            // Warm: EF's model and query cache, SQLite's page cache, and enough calls for tiered JIT to settle.
            for (var i = 0; i < WarmupCalls; i++)
            {
                await scenario.Run(fixture, inputs);
            }

            capture.Commands.Clear();
            var result = await scenario.Run(fixture, inputs);
            var commands = capture.Commands.ToList();

            capture.Durations.Clear();
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await scenario.Run(fixture, inputs);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            var median = Median(times);
            var inEf = commands.Select(c => capture.Durations.TryGetValue(c.Sql, out var d) ? Median(d.ToList()) : 0).ToList();
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"## {scenario.Name}: {scenario.Description}");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"median {median:F2} ms over {runs} runs (target {scenario.TargetMilliseconds} ms); {Scenarios.Describe(result)}; {commands.Count} SQL commands");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"of which in SQL commands (execute → reader disposed, EF materialization included): {inEf.Sum():F2} ms; the rest, {median - inEf.Sum():F2} ms, is C# after the reads (and context creation)");

            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            foreach (var command in commands)
            {
                report.AppendLine();
                report.AppendLine("```sql");
                foreach (var (name, value) in command.Parameters)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"-- {name} = {Format(value)}");
                }

                report.AppendLine(command.Sql.Trim());
                report.AppendLine("```");
                var watch = Stopwatch.StartNew();
                await using (var run = connection.CreateCommand())
                {
                    run.CommandText = command.Sql;
                    Bind(run, command.Parameters);
                    await using var reader = await run.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                    }
                }

                var alone = watch.Elapsed.TotalMilliseconds;
                var viaEf = capture.Durations.TryGetValue(command.Sql, out var seen) ? Median(seen.ToList()) : 0;
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"plan (median in EF, execute → last row read: {viaEf:F2} ms; the same SQL alone over ADO.NET, once: {alone:F2} ms):");
                report.AppendLine("```");
                await using (var explain = connection.CreateCommand())
                {
                    explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
                    Bind(explain, command.Parameters);
                    await using var reader = await explain.ExecuteReaderAsync();
                    var depth = new Dictionary<long, int> { [0] = 0 };
                    while (await reader.ReadAsync())
                    {
                        var id = reader.GetInt64(0);
                        var parent = reader.GetInt64(1);
                        var level = depth.GetValueOrDefault(parent) + 1;
                        depth[id] = level;
                        report.AppendLine(new string(' ', (level - 1) * 2) + reader.GetString(3));
                    }
                }

                report.AppendLine("```");
            }
        }

        report.AppendLine();
        report.AppendLine(await StatisticsBreakdown.MeasureAsync(fixture, Scenarios.CurrentYear, runs));
        report.AppendLine(await StatisticsBreakdown.MeasureAsync(fixture, Scenarios.OlderYear, runs));
        return report.ToString();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }

    private static void Bind(SqliteCommand command, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    private static string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => $"'{s}'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    internal sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    internal sealed class CommandCapture : DbCommandInterceptor
    {
        public ConcurrentQueue<CapturedCommand> Commands { get; } = new();

        /// <summary>Per SQL text: ExecuteReader plus the reader's lifetime (all rows read and materialized).</summary>
        public ConcurrentDictionary<string, ConcurrentBag<double>> Durations { get; } = new();

        // SQLite does a query's first step (all of a COUNT or a sort) inside ExecuteReader: time it, then add the
        // reader's own lifetime (reading and materializing the rows) when it is disposed.
        private readonly ConcurrentDictionary<DbCommand, double> _executing = new();

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            DbDataReader result, CancellationToken cancellationToken = default)
        {
            _executing[command] = eventData.Duration.TotalMilliseconds;
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            _executing[command] = eventData.Duration.TotalMilliseconds;
            return result;
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData,
            InterceptionResult result)
        {
            var executing = _executing.TryRemove(command, out var ms) ? ms : 0;
            Durations.GetOrAdd(command.CommandText, _ => []).Add(executing + eventData.Duration.TotalMilliseconds);
            return result;
        }

        private void Add(DbCommand command) => Commands.Enqueue(new CapturedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result)
        {
            Add(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result)
        {
            Add(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return ValueTask.FromResult(result);
        }
    }
}
