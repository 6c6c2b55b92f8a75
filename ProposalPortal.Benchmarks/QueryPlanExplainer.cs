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
            await scenario.Run(fixture, inputs); // warm: model, query cache, page cache
            capture.Commands.Clear();
            var result = await scenario.Run(fixture, inputs);
            var commands = capture.Commands.ToList();

            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await scenario.Run(fixture, inputs);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var median = times[times.Count / 2];
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"## {scenario.Name}: {scenario.Description}");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"median {median:F2} ms over {runs} runs (target {scenario.TargetMilliseconds} ms); {Scenarios.Describe(result)}; {commands.Count} SQL commands");

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
                report.AppendLine(CultureInfo.InvariantCulture, $"plan (this command alone: {alone:F2} ms):");
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

        return report.ToString();
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

    private sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    private sealed class CommandCapture : DbCommandInterceptor
    {
        public ConcurrentQueue<CapturedCommand> Commands { get; } = new();

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
