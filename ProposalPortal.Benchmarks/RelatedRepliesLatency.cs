using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// <c>--related [N]</c> (issue 17): the item page's related replies (<see cref="RelatedRepliesService.ForAsync"/>) for a
/// handful of real items of the current year, as a member of the item's own section, the Office and the director; N
/// timed calls per item and viewer after one warm-up. Prints the median and p95 per kind of viewer, and the ids found
/// per item and viewer so that two builds can be compared for the same answers. <c>--plans</c> adds the SQL of one call
/// per viewer with its <c>EXPLAIN QUERY PLAN</c>.
/// </summary>
public static class RelatedRepliesLatency
{
    private const int Items = 8;

    public static async Task<int> RunAsync(string databasePath, TextWriter output, int repeats, bool plans, double targetMilliseconds = 10)
    {
        var capture = new QueryPlanExplainer.CommandCapture();
        await using var fixture = await PortalFixture.OpenAsync(databasePath,
            services => services.ConfigureDbContext<PortalDbContext>(o => o.AddInterceptors(capture), ServiceLifetime.Singleton));
        var service = fixture.Services.GetRequiredService<RelatedRepliesService>();
        var factory = fixture.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        // Spread over the year's ids (so over sections and topics), each with a section and a topic, as the page has them.
        List<Proposal> items;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var year = BenchmarkSettings.Now.Year;
            var ids = await db.Proposals.Where(p => p.Year == year && p.Responsibility != null && p.Topics.Any())
                .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            var picked = Enumerable.Range(0, Items).Select(i => ids[(int)((i + 0.5) * ids.Count / Items)]).ToList();
            items = (await db.Proposals.AsNoTracking().Include(p => p.Topics).Where(p => picked.Contains(p.Id)).ToListAsync())
                .OrderBy(p => p.Id).ToList();
        }

        var viewers = new (string Name, Func<Proposal, Actor> For)[]
        {
            ("科室人员（本科室）", p => PortalFixture.SectionStaff(p.Responsibility!.SectionId)),
            ("办公室", _ => PortalFixture.Office),
            ("局长", _ => new Actor(0, "局长", StaffRoles.Director)),
        };

        var worst = 0.0;
        output.WriteLine($"related replies (RelatedRepliesService.ForAsync, max 10) for {items.Count} items of {BenchmarkSettings.Now.Year}, " +
                         $"{repeats} timed calls per item and viewer after 1 warm-up: median / p95 / max per viewer (the process's CPU time, all threads, shows the cost apart from the machine's load)");
        foreach (var (name, viewerFor) in viewers)
        {
            var samples = new List<double>();
            var commands = new List<int>();
            var cpu = TimeSpan.Zero;
            capture.Durations.Clear();
            foreach (var item in items)
            {
                var viewer = viewerFor(item);
                var found = await service.ForAsync(item, viewer);
                output.WriteLine($"    {name} 第{item.Id}件（{string.Join('、', item.Topics.Select(t => t.Name))}）: " +
                                 string.Join(' ', found.Select(r => $"{r.ProposalId}/{r.Year}")));
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < repeats; i++)
                {
                    capture.Commands.Clear();
                    var start = Stopwatch.GetTimestamp();
                    await service.ForAsync(item, viewer);
                    samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    commands.Add(capture.Commands.Count);
                }

                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            }

            samples.Sort();
            var median = samples[samples.Count / 2];
            var p95 = samples[Math.Min(samples.Count - 1, (int)(samples.Count * 0.95))];
            worst = Math.Max(worst, p95);
            output.WriteLine($"  {median,8:0.00} ms / {p95,8:0.00} ms / {samples[^1],8:0.00} ms  {name} ({samples.Count} calls, {commands.Max()} SQL commands a call; process CPU {cpu.TotalMilliseconds / samples.Count:0.00} ms a call)");

            // Each command's median from execute to its reader disposed (EF's materialization included): where the time goes.
            foreach (var (sql, durations) in capture.Durations)
            {
                var sorted = durations.Order().ToList();
                output.WriteLine($"      {sorted[sorted.Count / 2],8:0.00} ms median in SQL: {Label(sql)}");
            }

            if (plans)
            {
                capture.Commands.Clear();
                await service.ForAsync(items[0], viewerFor(items[0]));
                await using var db = await factory.CreateDbContextAsync();
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync();
                foreach (var command in capture.Commands)
                {
                    output.WriteLine(command.Sql);
                    await using var explain = connection.CreateCommand();
                    explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
                    foreach (var (parameter, value) in command.Parameters)
                    {
                        var p = explain.CreateParameter();
                        p.ParameterName = parameter;
                        p.Value = value ?? DBNull.Value;
                        explain.Parameters.Add(p);
                    }

                    await using var reader = await explain.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        output.WriteLine($"      plan: {reader.GetString(3)}");
                    }
                }
            }
        }

        output.WriteLine($"worst p95 {worst:0.00} ms; target well under {targetMilliseconds} ms: {(worst <= targetMilliseconds ? "met" : "not met")}");
        return worst <= targetMilliseconds ? 0 : 1;
    }

    /// <summary>The command in a few words: the count of topic rows, the search, or the load of what was found.</summary>
    private static string Label(string sql) =>
        sql.Contains("COUNT(*)", StringComparison.Ordinal) ? "count of the topics' rows"
        : sql.Contains("INDEXED BY", StringComparison.Ordinal) ? "search (the index walked newest first)"
        : sql.Contains("LEFT JOIN", StringComparison.Ordinal) ? "load of the replies found, by id"
        : sql.Contains("\"p\".\"Id\" IN (", StringComparison.Ordinal) ? "search (from the topic rows, sorted)"
        : "search";
}
