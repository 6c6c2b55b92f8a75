using System.Diagnostics;
using System.Globalization;
using ProposalPortal.Data;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// <c>--postgresql "&lt;connection string&gt;" [runs]</c>: the year's figures and the item-list pages of
/// <see cref="Scenarios"/> over the 100,000-item database on PostgreSQL. The cached SQLite database is copied into the
/// given (empty) database with the portal's own <see cref="DataCopy"/> first, timed; a target that already holds the
/// copy is reused. Each scenario runs twice to warm up, then <c>runs</c> times; the median, the fastest and the slowest
/// are printed (a plain stopwatch, not BenchmarkDotNet: the server is another process and the runs are few).
/// </summary>
public static class PostgreSqlMeasurement
{
    public static async Task<int> RunAsync(string sqlitePath, string target, int runs)
    {
        var summary = await BenchmarkDatabase.EnsureAsync(sqlitePath, Console.Out);
        Console.WriteLine(summary);
        var copy = Stopwatch.StartNew();
        var refusal = await DataCopy.CopyAsync($"Data Source={sqlitePath}", target, Console.Out);
        copy.Stop();
        if (refusal is null)
        {
            Console.WriteLine(FormattableString.Invariant($"copy-data: {copy.Elapsed.TotalSeconds:0.0} s"));
        }
        else if (refusal.Contains("不是空的", StringComparison.Ordinal))
        {
            Console.WriteLine("The target already holds data: measured as it is (a copy from an earlier run).");
        }
        else
        {
            Console.WriteLine(refusal);
            return 1;
        }

        // SQLite measured in the same run the same way, so the two columns share the machine's load.
        await using var postgres = await PortalFixture.OpenAsync(sqlitePath, postgreSql: target);
        await using var sqlite = await PortalFixture.OpenAsync(sqlitePath);
        var rows = new List<string>();
        foreach (var scenario in Scenarios.All)
        {
            var onPostgres = await MeasureAsync(postgres, scenario, runs);
            var onSqlite = await MeasureAsync(sqlite, scenario, runs);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Description} | {onPostgres.Median:0.0} ms ({onPostgres.Fastest:0.0}–{onPostgres.Slowest:0.0}) | {onSqlite.Median:0.0} ms ({onSqlite.Fastest:0.0}–{onSqlite.Slowest:0.0}) | < {scenario.TargetMilliseconds} ms |"));
        }

        Console.WriteLine("| Scenario | PostgreSQL median (fastest–slowest) | SQLite median (fastest–slowest) | Target |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task<(double Median, double Fastest, double Slowest)> MeasureAsync(PortalFixture fixture, Scenario scenario, int runs)
    {
        var inputs = await ScenarioInputs.LoadAsync(fixture);
        {
            var times = new List<double>();
            for (var i = 0; i < runs + 2; i++)
            {
                var watch = Stopwatch.StartNew();
                await scenario.Run(fixture, inputs);
                watch.Stop();
                if (i >= 2)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            return (times[times.Count / 2], times[0], times[^1]);
        }
    }
}
