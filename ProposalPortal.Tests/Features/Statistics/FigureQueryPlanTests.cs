using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Statistics;

/// <summary>
/// The SQL the year's figures send, as EF sends it (captured with its parameters), planned by SQLite: the items are read
/// from the covering index of the year's facts, and no item table is scanned whole. Guards the figures' speed over
/// 100,000 items (BENCHMARKS.md) without timing anything.
/// </summary>
public sealed class FigureQueryPlanTests
{
    private static readonly string[] ItemTables = ["Proposals", "Reply", "Evaluation", "Communication", "ProposalTopic", "Proposer"];

    [Fact]
    public async Task TheFiguresReadTheYearFromCoveringIndexesAndScanNoItemTable()
    {
        await using var portal = await TestPortal.StartAsync();
        var world = await Scenario.CreateAsync(portal);
        await world.ItemAsync(ProposalState.Replied);

        var commands = await CapturedCommands.OfAsync(() => portal.Scoped<StatisticsService>().ComputeAsync(portal.Clock.Today.Year, null));

        var plans = new List<(string Sql, List<string> Plan)>();
        await using (var connection = new SqliteConnection(portal.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var (sql, parameters) in commands.Where(c => ItemTables.Any(t => c.Sql.Contains($"FROM \"{t}\"", StringComparison.Ordinal))))
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var (name, value) in parameters)
                {
                    explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
                }

                var plan = new List<string>();
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(3));
                }

                plans.Add((sql, plan));
            }
        }

        var report = string.Join("\n\n", plans.Select(p => p.Sql + "\n  " + string.Join("\n  ", p.Plan)));
        Assert.True(plans.Count >= 3, report);
        Assert.True(plans.SelectMany(p => p.Plan).Any(step => step.Contains("COVERING INDEX IX_Proposals_Year_Facts (Year=?)", StringComparison.Ordinal)), report);
        // A SEARCH through an index that does not cover reads every matching wide row; a SCAN reads the whole table.
        Assert.All(plans.SelectMany(p => p.Plan).Where(step => step.StartsWith("SEARCH", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal)),
            step => Assert.True(step.Contains("COVERING INDEX", StringComparison.Ordinal) || step.Contains("PRIMARY KEY", StringComparison.Ordinal),
                $"not covered: {step}\n\n{report}"));
    }

    /// <summary>The commands EF executes inside one call, with their parameters, through EF's diagnostic events.</summary>
    private static class CapturedCommands
    {
        private static readonly AsyncLocal<List<(string Sql, List<(string Name, object? Value)> Parameters)>?> Current = new();
        private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(new Listeners());

        public static async Task<List<(string Sql, List<(string Name, object? Value)> Parameters)>> OfAsync<T>(Func<Task<T>> action)
        {
            GC.KeepAlive(Subscription);
            var captured = new List<(string Sql, List<(string Name, object? Value)> Parameters)>();
            Current.Value = captured;
            try
            {
                await action();
                return captured;
            }
            finally
            {
                Current.Value = null;
            }
        }

        private sealed class Listeners : IObserver<DiagnosticListener>
        {
            public void OnNext(DiagnosticListener listener)
            {
                if (listener.Name == DbLoggerCategory.Name)
                {
                    listener.Subscribe(new Events());
                }
            }

            public void OnCompleted() { }

            public void OnError(Exception error) { }
        }

        private sealed class Events : IObserver<KeyValuePair<string, object?>>
        {
            public void OnNext(KeyValuePair<string, object?> value)
            {
                if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && Current.Value is { } captured)
                {
                    lock (captured)
                    {
                        captured.Add((data.Command.CommandText,
                            data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
                    }
                }
            }

            public void OnCompleted() { }

            public void OnError(Exception error) { }
        }
    }
}
