using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// <c>--signoff-server N</c> (issue 17, "Sign-off"): the server time of the 签发 use case itself, in process and warm,
/// over the 100,000-item database: from the command to the commit and the after-commit handlers (the boards' notice),
/// for N items awaiting sign-off of the current year, signed by the director. Key items first; the database has only a
/// few, so the rest are ordinary items: being key changes who may sign, not what the sign-off does. Three more items
/// are signed first and not counted (JIT, fonts, certificate). Prints the median and p95 of the whole, and the median
/// of each phase the app marks (<see cref="SignOffTrace"/>). It writes: run it on a copy of the database.
/// </summary>
public static class SignOffServer
{
    private const int Warmup = 3;

    public static async Task<int> RunAsync(string databasePath, int runs)
    {
        await using var fixture = await PortalFixture.OpenAsync(databasePath);
        var (director, items) = await PrepareAsync(fixture.Services, runs + Warmup);
        if (items.Count < runs + Warmup)
        {
            Console.WriteLine($"only {items.Count} items await sign-off in {BenchmarkSettings.CurrentYear}; need {runs + Warmup}");
            return 1;
        }

        var phases = new Dictionary<string, List<double>>();
        Dictionary<string, double>? current = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SignOffTrace.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (current is { } run)
                {
                    lock (run)
                    {
                        run[a.OperationName] = run.GetValueOrDefault(a.OperationName) + a.Duration.TotalMilliseconds;
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var whole = new List<double>();
        var cpus = new List<double>();
        var keyCount = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var (id, version, isKey) = items[i];
            await using var scope = fixture.Services.CreateAsyncScope();
            var signOff = scope.ServiceProvider.GetRequiredService<UseCase<SignOff>>();
            current = [];
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await signOff.HandleAsync(new SignOff(id, version), director);
            watch.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            if (!result.IsOk)
            {
                Console.WriteLine($"item {id}: refused: {result.Error}");
                return 1;
            }

            if (i < Warmup)
            {
                continue;
            }

            keyCount += isKey ? 1 : 0;
            whole.Add(watch.Elapsed.TotalMilliseconds);
            cpus.Add(cpu);
            foreach (var (name, ms) in current)
            {
                (phases.TryGetValue(name, out var list) ? list : phases[name] = []).Add(ms);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sign-off, server time of the use case over {whole.Count} items ({keyCount} key), warm: median {Percentile(whole, 50):0.0} ms, p95 {Percentile(whole, 95):0.0} ms (min {whole.Min():0.0}, max {whole.Max():0.0})"));
        // What a quiet machine would need, roughly: the process's CPU time over the call (all its threads, GC included).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU time of the process per sign-off: median {Percentile(cpus, 50):0.0} ms, p95 {Percentile(cpus, 95):0.0} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        foreach (var (name, list) in phases.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // A phase a run did not enter counts as 0 in that run.
            var all = list.Concat(Enumerable.Repeat(0.0, whole.Count - list.Count)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-50} median {Percentile(all, 50),6:0.0} ms, p95 {Percentile(all, 95),6:0.0} ms"));
        }

        Console.WriteLine("  (\"save\" includes the commit and the after-commit handlers nested in it)");
        return 0;
    }

    private static async Task<(Actor Director, List<(int Id, int Version, bool IsKey)> Items)> PrepareAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var staff = await db.Staff.AsNoTracking().FirstAsync(s => s.Roles.HasFlag(StaffRoles.Director));
        var awaiting = (await db.Proposals.AsNoTracking()
                .Where(p => p.Year == BenchmarkSettings.CurrentYear && p.State == ProposalState.AwaitingSignOff)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.Version, p.IsKey }).ToListAsync())
            .Select(p => (p.Id, p.Version, p.IsKey)).ToList();
        // The warm-up on ordinary items, then every key item, then ordinary ones to make up the count.
        var ordinary = awaiting.Where(p => !p.IsKey).ToList();
        var items = ordinary.Take(Warmup).Concat(awaiting.Where(p => p.IsKey)).Concat(ordinary.Skip(Warmup)).Take(count).ToList();
        return (Actor.For(staff, []), items);
    }

    private static double Percentile(List<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
