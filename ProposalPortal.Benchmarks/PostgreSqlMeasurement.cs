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

        await using var fixture = await PortalFixture.OpenAsync(sqlitePath, postgreSql: target);
        var inputs = await ScenarioInputs.LoadAsync(fixture);
        Console.WriteLine("| Scenario | Median | Fastest | Slowest | Target |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var scenario in Scenarios.All)
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
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Description} | {times[times.Count / 2]:0.00} ms | {times[0]:0.00} ms | {times[^1]:0.00} ms | < {scenario.TargetMilliseconds} ms |"));
        }

        return 0;
    }
}
