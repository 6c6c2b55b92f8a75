using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Supervision;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Live boards at scale: the real app on Kestrel (loopback) with N SignalR board clients connected to
/// /hubs/supervision (a read API key, WebSockets). The clients run in a child process so that the server's managed
/// heap counts only the server's side of each connection. The parent commits transitions (催办 through
/// ProposalService, one every 400 ms) and takes the moment the notifier hears the committed change as time zero; the
/// child stamps each client's receipt. Both use <see cref="Stopwatch.GetTimestamp"/>, the machine's monotonic clock,
/// which is the same in both processes.
/// </summary>
public static class BoardFanout
{
    private const string Key = "benchmark-board-key-0123456789abcdef";

    public static async Task<int> RunAsync(int clients, int transitions)
    {
        var folder = Path.Combine(Path.GetTempPath(), "proposalportal-fanout", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var app = new WebApplicationFactory<PortalDbContext>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Public:BaseUrl", "https://jyta.example.gov.cn");
            b.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(folder, "portal.db")}");
            b.UseSetting("Demo:Enabled", "true");
            b.UseSetting("Supervision:DeadlineMonitorEnabled", "false");
            b.UseSetting("Api:Keys:0:Key", Key);
            b.UseSetting("Api:Keys:0:Name", "benchmark");
            b.UseSetting("Api:Keys:0:Scopes:0", "read");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        app.UseKestrel(0);
        app.StartServer();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

        // Time zero of each change: when the notifier hears it, right after the commit.
        var committed = new ConcurrentQueue<long>();
        using var probe = app.Services.GetRequiredService<ISupervisionNotifier>().Subscribe(_ =>
        {
            committed.Enqueue(Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        });

        var (items, office) = await ChaseableItemsAsync(app.Services);

        // Warm up one connection and one transition: JIT, EF model, hub activation are not per client.
        await using (var warm = Connect(url))
        {
            await warm.StartAsync();
            await ChaseAsync(app.Services, items[0], office);
        }

        await Task.Delay(500);
        committed.Clear();
        var heapBefore = Heap();
        var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;

        using var child = Process.Start(new ProcessStartInfo("dotnet",
            [typeof(BoardFanout).Assembly.Location, "--board-clients-child", url, clients.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var connectTimer = Stopwatch.StartNew();
        string? line;
        while ((line = await child.StdOut().ReadLineAsync()) != "READY")
        {
            if (line is null)
            {
                Console.WriteLine("the client process ended before all clients connected");
                return 1;
            }

            Console.WriteLine(line);
        }

        Console.WriteLine($"{clients} clients connected in {connectTimer.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(1000);
        var heapAfter = Heap();
        var workingSetAfter = Process.GetCurrentProcess().WorkingSet64;

        for (var i = 0; i < transitions; i++)
        {
            await ChaseAsync(app.Services, items[i % items.Count], office);
            await Task.Delay(400);
        }

        await child.StandardInput.WriteLineAsync("DONE");
        var lastReceipt = new List<double>();
        var medianReceipt = new List<double>();
        var allP99 = new List<double>();
        var zeros = committed.ToArray();
        var incomplete = 0;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
        {
            // "R index received min median p99 max" (timestamps)
            if (!line.StartsWith("R ", StringComparison.Ordinal))
            {
                Console.WriteLine(line);
                continue;
            }

            var f = line.Split(' ');
            var index = int.Parse(f[1], CultureInfo.InvariantCulture);
            var received = int.Parse(f[2], CultureInfo.InvariantCulture);
            if (index >= zeros.Length)
            {
                continue;
            }

            incomplete += received < clients ? 1 : 0;
            double Ms(string ts) => (long.Parse(ts, CultureInfo.InvariantCulture) - zeros[index]) * 1000.0 / Stopwatch.Frequency;
            medianReceipt.Add(Ms(f[4]));
            allP99.Add(Ms(f[5]));
            lastReceipt.Add(Ms(f[6]));
        }

        await child.WaitForExitAsync();
        Console.WriteLine($"transitions: {zeros.Length} committed, {lastReceipt.Count} measured, {incomplete} not received by every client");
        Console.WriteLine($"time from commit to the LAST client's receipt: median {Percentile(lastReceipt, 50):0.0} ms, p99 {Percentile(lastReceipt, 99):0.0} ms, max {lastReceipt.DefaultIfEmpty().Max():0.0} ms (target p99 < 200 ms)");
        Console.WriteLine($"time from commit to a client's receipt (per change, median client): median {Percentile(medianReceipt, 50):0.0} ms; 99th-percentile client: median {Percentile(allP99, 50):0.0} ms");
        Console.WriteLine($"server managed heap: before {heapBefore / 1048576.0:0.0} MB, with {clients} clients {heapAfter / 1048576.0:0.0} MB: {(heapAfter - heapBefore) / (double)clients / 1024:0.0} KB per client");
        Console.WriteLine($"server working set: before {workingSetBefore / 1048576.0:0} MB, after {workingSetAfter / 1048576.0:0} MB: {(workingSetAfter - workingSetBefore) / (double)clients / 1024:0.0} KB per client");
        SqliteConnection.ClearAllPools();
        return Percentile(lastReceipt, 99) < 200 ? 0 : 1;
    }

    /// <summary>The client side, in its own process: N connections, each stamping every change it receives.</summary>
    public static async Task<int> RunClientsAsync(string url, int clients)
    {
        var receipts = new List<long>[clients];
        var connections = new HubConnection[clients];
        for (var i = 0; i < clients; i++)
        {
            var mine = receipts[i] = new List<long>(64);
            connections[i] = Connect(url);
            connections[i].On<SupervisionChange>(SupervisionHub.ChangedMethod, _ =>
            {
                var now = Stopwatch.GetTimestamp();
                lock (mine)
                {
                    mine.Add(now);
                }
            });
        }

        await StartAllAsync(connections);
        Console.WriteLine("READY");
        await Console.In.ReadLineAsync();

        var count = receipts.Max(r => r.Count);
        for (var m = 0; m < count; m++)
        {
            var stamps = receipts.Where(r => r.Count > m).Select(r => r[m]).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"R {m} {stamps.Count} {stamps[0]} {stamps[stamps.Count / 2]} {stamps[(int)(stamps.Count * 0.99)]} {stamps[^1]}"));
        }

        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }

    private static HubConnection Connect(string url) => new HubConnectionBuilder()
        .WithUrl(url + SupervisionHub.Path, HttpTransportType.WebSockets, o =>
        {
            o.Headers["X-Api-Key"] = Key;
            o.SkipNegotiation = true;
        })
        .Build();

    private static async Task<(List<int> Items, Actor Office)> ChaseableItemsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var office = Actor.For(await db.Staff.SingleAsync(s => s.Name == "尤四"), []);
        var items = await db.Proposals.Where(p => p.State == ProposalState.InProgress && p.Responsibility != null)
            .Select(p => p.Id).ToListAsync();
        return (items, office);
    }

    /// <summary>Starts the hub clients 50 at a time, as a room of screens coming on would, not all in one burst.</summary>
    internal static async Task StartAllAsync(IEnumerable<HubConnection> connections)
    {
        using var gate = new SemaphoreSlim(50);
        await Task.WhenAll(connections.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                await c.StartAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>A 催办 through the workflow: the change every board and hub client must hear of.</summary>
    internal static async Task ChaseAsync(IServiceProvider services, int id, Actor office)
    {
        await using var scope = services.CreateAsyncScope();
        var proposals = scope.ServiceProvider.GetRequiredService<ProposalService>();
        var item = await proposals.FindAsync(id, office);
        var result = await proposals.ChaseAsync(id, item!.Version, office, "请抓紧办理（基准测试）");
        if (!result.IsOk)
        {
            throw new InvalidOperationException(result.Error);
        }
    }

    private static StreamReader StdOut(this Process process) => process.StandardOutput;

    internal static double Percentile(List<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
