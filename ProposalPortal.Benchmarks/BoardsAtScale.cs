using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Supervision;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Issue 17's boards, figures and statistics API over the 100,000-item database (not BenchmarkDotNet runs: each
/// measures a whole app on Kestrel, or a cache, with a stopwatch):
/// <list type="bullet">
/// <item><c>--figures [runs]</c>: the year's figures computed afresh (past the cache) and read from the cache.</item>
/// <item><c>--statistics-api [runs]</c>: <c>GET /api/v1/statistics/{year}</c> over HTTP with a read key, median.</item>
/// <item><c>--boards [tabs] [hub clients] [changes]</c>: N Chromium tabs on /supervision (real circuits) and M hub
/// clients in a child process; each change (a 催办 through ProposalService) is timed from the commit to the moment
/// the last tab's board re-rendered with the new snapshot and the last hub client received the new figures.</item>
/// </list>
/// Every run works on a copy of the cached database (the boards run writes).
/// </summary>
public static class BoardsAtScale
{
    private const string Key = "benchmark-board-key-0123456789abcdef";
    private const string Password = "Bench@2026-board";

    public static async Task<int> FiguresAsync(string databasePath, int runs)
    {
        await using var fixture = await PortalFixture.OpenAsync(databasePath);
        var cache = fixture.Services.GetRequiredService<FiguresCache>();
        foreach (var year in new[] { BenchmarkSettings.CurrentYear, 2022 })
        {
            for (var i = 0; i < 3; i++)
            {
                await fixture.Statistics.ComputeAsync(year, null);
            }

            var cpu = CpuMs();
            var cold = await TimeAsync(runs, () => fixture.Statistics.ComputeAsync(year, null));
            cpu = (CpuMs() - cpu) / runs;
            await fixture.Statistics.GetYearFiguresAsync(year);
            var computed = cache.Computations;
            var cached = await TimeAsync(runs, () => fixture.Statistics.GetYearFiguresAsync(year));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"figures {year}: computed afresh median {Median(cold):0.00} ms (min {cold.Min():0.00}, max {cold.Max():0.00}; process CPU {cpu:0.0} ms per computation); " +
                $"cached median {Median(cached):0.000} ms (max {cached.Max():0.000}), {cache.Computations - computed} computations in {runs} cached reads"));
        }

        // One board snapshot as BoardSnapshots computes it once per change (the figures from the cache, as after the
        // first board of a change has read them): the whole bureau, and the section 能源一科.
        var sectionId = (await ScenarioInputs.LoadAsync(fixture)).SectionId;
        foreach (var scope in new[] { BoardScope.WholeBureau, new BoardScope(sectionId) })
        {
            var board = async () =>
            {
                await using var scoped = fixture.Services.CreateAsyncScope();
                await scoped.ServiceProvider.GetRequiredService<BoardService>().GetAsync(BenchmarkSettings.CurrentYear, scope);
            };
            await board();
            var cpu = CpuMs();
            var times = await TimeAsync(Math.Max(3, runs / 4), board);
            cpu = (CpuMs() - cpu) / times.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"board snapshot {BenchmarkSettings.CurrentYear} {(scope.IsWholeBureau ? "bureau" : "section " + sectionId)}: median {Median(times):0} ms (min {times.Min():0}, max {times.Max():0}; process CPU {cpu:0} ms per snapshot)"));
        }

        return 0;
    }

    public static async Task<int> StatisticsApiAsync(string databasePath, int runs)
    {
        var (app, url, folder) = Start(databasePath, tabs: false);
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var cache = app.Services.GetRequiredService<FiguresCache>();
        foreach (var year in new[] { 2022, BenchmarkSettings.CurrentYear })
        {
            for (var i = 0; i < 3; i++)
            {
                (await http.GetAsync(new Uri($"/api/v1/statistics/{year}", UriKind.Relative))).EnsureSuccessStatusCode();
            }

            var warm = await TimeAsync(runs, async () =>
                (await http.GetAsync(new Uri($"/api/v1/statistics/{year}", UriKind.Relative))).EnsureSuccessStatusCode());
            // The first call after a change to that year's items: the figures are computed again.
            var afterChange = await TimeAsync(runs, async () =>
            {
                cache.Invalidate([year]);
                (await http.GetAsync(new Uri($"/api/v1/statistics/{year}", UriKind.Relative))).EnsureSuccessStatusCode();
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GET /api/v1/statistics/{year}: median of {runs} {Median(warm):0.00} ms (max {warm.Max():0.00}); " +
                $"first call after a change: median {Median(afterChange):0.00} ms"));
        }

        Cleanup(folder);
        return 0;
    }

    public static async Task<int> BoardsAsync(string databasePath, int tabs, int hubClients, int changes)
    {
        var (app, url, folder) = Start(databasePath, tabs: true);
        await using var _ = app;
        var (director, items, office) = await PrepareAsync(app.Services);
        var snapshots = app.Services.GetRequiredService<BoardSnapshots>();

        // Time zero of each change: when the notifier hears it, right after the commit (epoch milliseconds, as the tabs
        // and the hub clients stamp their receipts with the same machine clock).
        var committed = new List<double>();
        using var probe = app.Services.GetRequiredService<ISupervisionNotifier>().Subscribe(_ =>
        {
            lock (committed)
            {
                committed.Add(EpochMs());
            }

            return Task.CompletedTask;
        });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchmarkBrowser.LaunchAsync(playwright, "--renderer-process-limit=8",
            "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows");
        var login = await browser.NewContextAsync();
        var loginPage = await login.NewPageAsync();
        await BenchmarkBrowser.SubmitSignInAsync(loginPage, url, director, Password);
        await loginPage.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 120_000 });
        var state = await login.StorageStateAsync();
        await login.CloseAsync();

        var timer = Stopwatch.StartNew();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state });
        var pages = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(url + "/supervision", new() { Timeout = 300_000 });
            await page.Locator("[data-testid=board]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 300_000 });
            await page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 300_000 });
            // Each re-render with a new snapshot bumps data-updates; the tab stamps it (epoch ms) and keeps the
            // headline's 收到 figure it then shows.
            await page.EvaluateAsync("""
                () => {
                  window.__updates = [];
                  const board = document.querySelector('[data-testid=board]');
                  new MutationObserver(() => window.__updates.push([performance.timeOrigin + performance.now(),
                      board.getAttribute('data-updates'), document.querySelector('[data-testid=figure-received]')?.textContent?.trim()]))
                    .observe(board, { attributes: true, attributeFilter: ['data-updates'] });
                }
                """);
            pages.Add(page);
        }

        Console.WriteLine($"{tabs} board tabs interactive in {timer.Elapsed.TotalSeconds:0} s");
        using var child = Process.Start(new ProcessStartInfo("dotnet",
            [typeof(BoardsAtScale).Assembly.Location, "--board-figures-child", url, hubClients.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) != "READY")
        {
            if (line is null)
            {
                Console.WriteLine("the hub client process ended before all clients connected");
                return 1;
            }
        }

        Console.WriteLine($"{hubClients} hub clients connected");
        await Task.Delay(2000);
        lock (committed)
        {
            committed.Clear();
        }

        var computationsBefore = snapshots.Computations;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < changes; i++)
        {
            await BoardFanout.ChaseAsync(app.Services, items[i % items.Count], office);
            // Far enough apart that each change is its own snapshot (the debounce coalesces closer ones by design).
            await Task.Delay(3000);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var computations = snapshots.Computations - computationsBefore;

        await child.StandardInput.WriteLineAsync("DONE");
        var hubStamps = new List<List<double>>();
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("C ", StringComparison.Ordinal))
            {
                hubStamps.Add(line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList());
            }
        }

        await child.WaitForExitAsync();
        var tabStamps = new List<List<double>>();
        foreach (var page in pages)
        {
            var updates = await page.EvaluateAsync<double[][]>("() => window.__updates.map(u => [u[0]])");
            tabStamps.Add(updates.Select(u => u[0]).ToList());
        }

        var zeros = committed.ToArray();
        Report("Blazor board tabs", tabStamps, zeros, tabs);
        Report("hub clients (figures)", hubStamps, zeros, hubClients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server process CPU over {changes} changes: {cpu.TotalMilliseconds:0} ms in {wall.Elapsed.TotalSeconds:0} s, {cpu.TotalMilliseconds / changes:0} ms per change " +
            $"(includes the idle circuits' and connections' upkeep); snapshots computed: {computations} ({computations / (double)changes:0.0} per change)"));
        await context.CloseAsync();
        Cleanup(folder);
        return 0;
    }

    /// <summary>The hub side, in its own process: N connections with the read key, each stamping every figures message.</summary>
    public static async Task<int> RunHubClientsAsync(string url, int clients)
    {
        var stamps = new List<double>[clients];
        var connections = new HubConnection[clients];
        for (var i = 0; i < clients; i++)
        {
            var mine = stamps[i] = new List<double>(64);
            connections[i] = new HubConnectionBuilder()
                .WithUrl(url + SupervisionHub.Path, HttpTransportType.WebSockets, o =>
                {
                    o.Headers["X-Api-Key"] = Key;
                    o.SkipNegotiation = true;
                })
                .Build();
            connections[i].On<BoardFigures>(SupervisionHub.FiguresMethod, _ =>
            {
                var now = EpochMs();
                lock (mine)
                {
                    mine.Add(now);
                }
            });
        }

        await BoardFanout.StartAllAsync(connections);
        Console.WriteLine("READY");
        await Console.In.ReadLineAsync();
        foreach (var mine in stamps)
        {
            Console.WriteLine("C " + string.Join(' ', mine.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture))));
        }

        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }

    private static void Report(string what, List<List<double>> receipts, double[] zeros, int expected)
    {
        var last = new List<double>();
        var missing = 0;
        for (var change = 0; change < zeros.Length; change++)
        {
            var window = change + 1 < zeros.Length ? zeros[change + 1] : double.MaxValue;
            var times = receipts.Select(r => r.FirstOrDefault(t => t >= zeros[change] && t < window, double.NaN)).ToList();
            missing += times.Count(double.IsNaN);
            var got = times.Where(t => !double.IsNaN(t)).ToList();
            if (got.Count > 0)
            {
                last.Add(got.Max() - zeros[change]);
            }
        }

        last.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} ({expected}): commit to the LAST one's new figures, over {zeros.Length} changes: median {BoardFanout.Percentile(last, 50):0} ms, " +
            $"p99 {BoardFanout.Percentile(last, 99):0} ms, max {last.DefaultIfEmpty().Max():0} ms; receipts missing: {missing}"));
    }

    private static (WebApplicationFactory<PortalDbContext> App, string Url, string Folder) Start(string databasePath, bool tabs)
    {
        // A copy: the run writes (chases, the account), and the cached file stays as generated.
        var folder = Path.Combine(Path.GetTempPath(), "proposalportal-boards", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "portal.db");
        using (var source = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly"))
        using (var target = new SqliteConnection($"Data Source={copy}"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }

        SqliteConnection.ClearAllPools();
        var app = new WebApplicationFactory<PortalDbContext>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Public:BaseUrl", "https://jyta.example.gov.cn");
            if (tabs)
            {
                b.UseStaticWebAssets();
            }

            b.UseSetting("ConnectionStrings:Portal", $"Data Source={copy}");
            b.UseSetting("Demo:Enabled", "false");
            b.UseSetting("Admin:InitialPassword", "Bench@2026-admin");
            b.UseSetting("Supervision:DeadlineMonitorEnabled", "false");
            b.UseSetting("Api:Keys:0:Key", Key);
            b.UseSetting("Api:Keys:0:Name", "benchmark");
            b.UseSetting("Api:Keys:0:Scopes:0", "read");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            // The 100,000-item database's clock: "overdue" and "due soon" pick the same rows on every run.
            b.ConfigureServices(s =>
            {
                s.AddSingleton<TimeProvider>(new FixedTimeProvider(BenchmarkSettings.Now));
            });
        });
        app.UseKestrel(0);
        app.StartServer();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        return (app, url, folder);
    }

    /// <summary>An account for the synthetic 局长 (the board's whole-bureau scope), and the items to chase.</summary>
    private static async Task<(string UserName, List<int> Items, Actor Office)> PrepareAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var staff = await db.Staff.AsNoTracking().ToListAsync();
        var director = staff.First(s => s.Roles.HasFlag(StaffRoles.Director));
        var office = Actor.For(staff.First(s => s.Roles.HasFlag(StaffRoles.Office)), []);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        const string userName = "bench-director";
        if (await users.FindByNameAsync(userName) is null)
        {
            var created = await users.CreateAsync(new PortalUser { UserName = userName, StaffMemberId = director.Id, MustChangePassword = false }, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }

        var items = await db.Proposals.Where(p => p.Year == BenchmarkSettings.CurrentYear && p.State == ProposalState.InProgress && p.Responsibility != null)
            .OrderBy(p => p.Id).Select(p => p.Id).Take(200).ToListAsync();
        return (userName, items, office);
    }

    private static async Task<List<double>> TimeAsync(int runs, Func<Task> call)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    // The process's CPU time (all threads, GC included): unlike the wall clock, it hardly grows when other processes load the machine.
    private static double CpuMs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    private static double EpochMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static double Median(List<double> values) => BoardFanout.Percentile(values, 50);

    private static void Cleanup(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
