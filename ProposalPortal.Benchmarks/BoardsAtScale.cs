using System.Diagnostics;
using System.Globalization;
using System.Net;
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
using Microsoft.Extensions.Options;
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
/// <item><c>--figures [runs]</c>: the year's figures after a change to one item (the path every change takes), computed
/// from scratch (a node's first read of the year), and read from the cache.</item>
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
        var facts = fixture.Services.GetRequiredService<YearFactsStore>();
        var factory = fixture.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        async Task ChangeAsync(int id)
        {
            await using var db = await factory.CreateDbContextAsync();
            var item = await db.Proposals.SingleAsync(p => p.Id == id);
            db.Entry(item).Property(nameof(Proposal.Title)).CurrentValue = item.Title.EndsWith('。') ? item.Title[..^1] : item.Title + "。";
            await db.SaveChangesAsync();
        }

        foreach (var year in new[] { BenchmarkSettings.CurrentYear, 2022 })
        {
            // The first computation of a year on a node: its facts read whole from the database.
            for (var i = 0; i < 3; i++)
            {
                await fixture.Statistics.ComputeFromScratchAsync(year, null);
            }

            var cpu = CpuMs();
            var cold = await TimeAsync(runs, () => fixture.Statistics.ComputeFromScratchAsync(year, null));
            cpu = (CpuMs() - cpu) / runs;

            // After a change to one item, the path every change takes: a save through the app's DbContext (its
            // interceptor marks the item, as every step's save does), then the year's figures as a board or the API reads
            // them: the cache dropped, the changed item's facts read again, FigureRules over the year's facts in memory.
            // Each run changes another item (its title, back and forth); the save is not timed.
            await fixture.Statistics.GetYearFiguresAsync(year);
            List<int> ids;
            await using (var db = await factory.CreateDbContextAsync())
            {
                ids = await db.Proposals.Where(p => p.Year == year).OrderBy(p => p.Id).Select(p => p.Id).Take(runs + 3).ToListAsync();
            }

            var (wholeReads, itemReads) = (facts.WholeReads, facts.ItemReads);
            var afterChange = new List<double>();
            var changeCpu = 0.0;
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                await ChangeAsync(id);

                var before = CpuMs();
                var start = Stopwatch.GetTimestamp();
                await fixture.Statistics.GetYearFiguresAsync(year);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (i >= 3)
                {
                    // The first three warm up the item path.
                    afterChange.Add(elapsed);
                    changeCpu += CpuMs() - before;
                }
            }

            changeCpu /= afterChange.Count;
            var (whole, itemwise) = (facts.WholeReads - wholeReads, facts.ItemReads - itemReads);

            // Of which the rules alone: FigureRules over the year's kept facts (nothing read, nothing changed).
            var deadlines = await fixture.Services.GetRequiredService<Features.Common.WorkflowContextFactory>().DeadlinesAsync();
            var today = fixture.Services.GetRequiredService<Features.Common.PortalClock>().Today;
            var statisticsOptions = fixture.Services.GetRequiredService<IOptionsMonitor<Domain.Statistics.StatisticsOptions>>().CurrentValue;
            var rule = fixture.Services.GetRequiredService<IOptionsMonitor<WorkflowOptions>>().CurrentValue.SatisfactionRule;
            YearFacts kept;
            await using (var db = await factory.CreateDbContextAsync())
            {
                kept = await facts.GetAsync(db, year, rule, CancellationToken.None);
            }

            var rulesAlone = await TimeAsync(runs, () => Task.FromResult(Domain.Statistics.FigureRules.Compute(year, kept.Items, kept.Topics,
                new Dictionary<int, string>(), new Dictionary<Domain.WorkMeetingKind, int>(), 1, today, statisticsOptions, deadlines)));

            await fixture.Statistics.GetYearFiguresAsync(year);
            var computed = cache.Computations;
            var cached = await TimeAsync(runs, () => fixture.Statistics.GetYearFiguresAsync(year));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"figures {year} after a change to one item: median {Median(afterChange):0.00} ms (min {afterChange.Min():0.00}, max {afterChange.Max():0.00}; process CPU {changeCpu:0.0} ms per computation; " +
                $"{itemwise} item reads, {whole} whole-year reads in {ids.Count} changes; FigureRules alone over the {kept.Items.Count:N0} kept facts: median {Median(rulesAlone):0.00} ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"figures {year} computed from scratch (a node's first read of the year): median {Median(cold):0.00} ms (min {cold.Min():0.00}, max {cold.Max():0.00}; process CPU {cpu:0.0} ms per computation); " +
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

        // The snapshot as BoardSnapshots computes it after a change to one item: the bureau's (its figures too are computed
        // again then, from the kept facts with the changed item read again) and the section's. Since session 9 the board's
        // own facts are kept too (BoardFactsStore): the changed item's are read again by id. The save is not timed; each
        // run changes another item of the year (its title, back and forth), as the interceptor of every step's save tells
        // both stores. The last snapshot is compared with one computed from the database alone.
        var boardFacts = fixture.Services.GetService<BoardFactsStore>();
        foreach (var scope in new[] { BoardScope.WholeBureau, new BoardScope(sectionId) })
        {
            int[] changing;
            await using (var db = await factory.CreateDbContextAsync())
            {
                var inScope = db.Proposals.Where(p => p.Year == BenchmarkSettings.CurrentYear);
                if (scope.SectionId is { } only)
                {
                    inScope = inScope.Where(p => p.Responsibility != null && p.Responsibility.SectionId == only);
                }

                changing = await inScope.OrderByDescending(p => p.Id).Select(p => p.Id).Take(runs + 3).ToArrayAsync();
            }

            var (wholeReads, itemReads) = (boardFacts?.WholeReads ?? 0, boardFacts?.ItemReads ?? 0);
            var afterChanges = new List<double>();
            var boardCpu = 0.0;
            BoardSnapshot? last = null;
            foreach (var (id, i) in changing.Select((id, i) => (id, i)))
            {
                await ChangeAsync(id);
                var before = CpuMs();
                var start = Stopwatch.GetTimestamp();
                await using (var scoped = fixture.Services.CreateAsyncScope())
                {
                    last = await scoped.ServiceProvider.GetRequiredService<BoardService>().GetAsync(BenchmarkSettings.CurrentYear, scope);
                }

                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (i >= 3)
                {
                    // The first three warm up the item path.
                    afterChanges.Add(elapsed);
                    boardCpu += CpuMs() - before;
                }
            }

            string same;
            await using (var scoped = fixture.Services.CreateAsyncScope())
            {
                var fresh = await scoped.ServiceProvider.GetRequiredService<BoardService>().ComputeFromScratchAsync(BenchmarkSettings.CurrentYear, scope);
                same = System.Text.Json.JsonSerializer.Serialize(fresh) == System.Text.Json.JsonSerializer.Serialize(last) ? "yes" : "NO";
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"board snapshot {BenchmarkSettings.CurrentYear} {(scope.IsWholeBureau ? "bureau" : "section " + sectionId)} after a change to one item{(scope.IsWholeBureau ? " (its figures computed again)" : "")}: " +
                $"median {Median(afterChanges):0.0} ms (min {afterChanges.Min():0.0}, max {afterChanges.Max():0.0}; process CPU {boardCpu / afterChanges.Count:0.0} ms per snapshot; " +
                $"board facts: {(boardFacts?.ItemReads ?? 0) - itemReads} item reads, {(boardFacts?.WholeReads ?? 0) - wholeReads} whole-year reads in {changing.Length} changes; " +
                $"the last one equal to a snapshot from scratch: {same})"));
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
        var facts = app.Services.GetRequiredService<YearFactsStore>();
        foreach (var year in new[] { 2022, BenchmarkSettings.CurrentYear })
        {
            for (var i = 0; i < 3; i++)
            {
                (await http.GetAsync(new Uri($"/api/v1/statistics/{year}", UriKind.Relative))).EnsureSuccessStatusCode();
            }

            var warm = await TimeAsync(runs, async () =>
                (await http.GetAsync(new Uri($"/api/v1/statistics/{year}", UriKind.Relative))).EnsureSuccessStatusCode());
            // The first call after a change to one of that year's items: the figures are computed again, with that item
            // read again. The change arrives as another node's message would (FiguresInvalidation.Apply), each call
            // naming another item.
            int[] ids;
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            {
                ids = await db.Proposals.Where(p => p.Year == year).OrderBy(p => p.Id).Select(p => p.Id).Take(runs).ToArrayAsync();
            }

            var next = 0;
            var afterChange = await TimeAsync(runs, async () =>
            {
                FiguresInvalidation.Apply(cache, facts, string.Create(CultureInfo.InvariantCulture, $"{year}:{ids[next++ % ids.Length]}"));
                (await http.GetAsync(new Uri($"/api/v1/statistics/{year}", UriKind.Relative))).EnsureSuccessStatusCode();
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GET /api/v1/statistics/{year}: median of {runs} {Median(warm):0.00} ms (max {warm.Max():0.00}); " +
                $"first call after a change: median {Median(afterChange):0.00} ms"));
        }

        Cleanup(folder);
        return 0;
    }

    /// <summary>
    /// Tabs per browser context and made-up site (one renderer process each with --process-per-site); each context is
    /// its own profile, with its own pool of WebSocket connections.
    /// </summary>
    private const int TabsPerContext = 25;

    /// <summary>Tabs opening at once: enough to keep both cores busy, few enough that none waits minutes for its circuit.</summary>
    private const int TabsOpening = 6;

    public static async Task<int> BoardsAsync(string databasePath, int tabs, int hubClients, int changes, int intervalMs = 3000, bool chromium = false)
    {
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var (app, url, folder) = StartWithRetry(databasePath);
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

        // When each new snapshot of the tabs' scope is handed to the screens: commit to this is the server's computation
        // (debounce included), the rest of a tab's delay is its circuit's render, the network and the browser.
        var ready = new List<double>();
        using var readyProbe = snapshots.Watch(BenchmarkSettings.CurrentYear, BoardScope.WholeBureau, _ =>
        {
            lock (ready)
            {
                ready.Add(EpochMs());
            }

            return Task.CompletedTask;
        });

        // The boards: circuit clients in a child process (their CPU kept apart from the server's), or Chromium tabs.
        await using var screens = chromium
            ? await ChromiumBoards.OpenAsync(url, director, tabs)
            : await CircuitBoards.OpenAsync(url, director, tabs);
        if (screens is null)
        {
            return 1;
        }


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

        // The upkeep of the open circuits and connections with nothing changing, over as long as three intervals: what
        // the CPU per change below includes without being caused by the change.
        var idleBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(3 * intervalMs);
        var idlePerInterval = (Process.GetCurrentProcess().TotalProcessorTime - idleBefore) / 3;

        var loadBefore = LoadAverage();
        var computationsBefore = snapshots.Computations;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < changes; i++)
        {
            await BoardFanout.ChaseAsync(app.Services, items[i % items.Count], office);
            // Far enough apart that each change is its own snapshot (the debounce coalesces closer ones by design).
            await Task.Delay(intervalMs);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var elapsed = wall.Elapsed;
        var computations = snapshots.Computations - computationsBefore;
        var loadAfter = LoadAverage();

        // The upkeep again, after the changes: the window before them follows the 1,000 hub clients' connections and
        // the first renders closely, and was seen to take more CPU than a change (session 9). The smaller of the two is
        // the steady upkeep taken out below; both are printed.
        var idleAfterBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(3 * intervalMs);
        var idleAfterPerInterval = (Process.GetCurrentProcess().TotalProcessorTime - idleAfterBefore) / 3;
        var upkeep = idleAfterPerInterval < idlePerInterval ? idleAfterPerInterval : idlePerInterval;

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
        var tabStamps = await screens.StampsAsync();
        var zeros = committed.ToArray();
        Console.WriteLine($"load average during the changes: {loadBefore} -> {loadAfter}");
        var readyAt = ready.ToArray();
        Report("snapshot handed to the screens", [[.. readyAt]], zeros, 1);
        var missing = Report(screens.Kind, tabStamps, zeros, screens.Count);
        Report("hub clients (figures)", hubStamps, zeros, hubClients);
        // The fan-out alone: from the snapshot handed to the screens to each screen's receipt (the computation, another
        // part of issue 17, taken out).
        var fanoutZeros = zeros.Select((zero, i) => readyAt.FirstOrDefault(t => t >= zero && (i + 1 >= zeros.Length || t < zeros[i + 1]), double.NaN)).ToArray();
        ReportFrom(screens.Kind, tabStamps, zeros, fanoutZeros);
        ReportFrom("hub clients (figures)", hubStamps, zeros, fanoutZeros);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server process CPU over {changes} changes: {cpu.TotalMilliseconds:0} ms in {elapsed.TotalSeconds:0} s, {cpu.TotalMilliseconds / changes:0} ms per change " +
            $"including the upkeep of the open circuits and connections ({idlePerInterval.TotalMilliseconds:0} ms before the changes, " +
            $"{idleAfterPerInterval.TotalMilliseconds:0} ms after them, per {intervalMs} ms with no change), " +
            $"{(cpu.TotalMilliseconds / changes) - upkeep.TotalMilliseconds:0} ms per change without the smaller; " +
            $"snapshots computed: {computations} ({computations / (double)changes:0.0} per change)"));
        var screenErrors = await screens.CloseAsync();

        // The same changes once every screen is gone (the tabs closed, the hub clients' process ended), only the probe
        // above watching: the server's CPU for a change and its one snapshot, with the JIT as warm as in the run. At
        // start-up the app's own background work made that figure meaningless. The rest of a change's CPU above is
        // the fan-out to the screens.
        var wait = Stopwatch.StartNew();
        while (snapshots.WatchersOf(BenchmarkSettings.CurrentYear, BoardScope.WholeBureau) > 1 && wait.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
        }

        var watchersLeft = snapshots.WatchersOf(BenchmarkSettings.CurrentYear, BoardScope.WholeBureau) - 1;
        var baselineChanges = Math.Min(changes, 5);
        // Settled first: the closing circuits' disposal and the collection after it are not the changes' cost.
        await Task.Delay(2 * intervalMs);
        var baselineIdle = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(2 * intervalMs);
        var baselineIdlePerInterval = (Process.GetCurrentProcess().TotalProcessorTime - baselineIdle).TotalMilliseconds / 2;
        var baselineCpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < baselineChanges; i++)
        {
            await BoardFanout.ChaseAsync(app.Services, items[^(1 + i)], office);
            await Task.Delay(intervalMs);
        }

        var baselinePerChange = (Process.GetCurrentProcess().TotalProcessorTime - baselineCpu).TotalMilliseconds / baselineChanges - baselineIdlePerInterval;
        var fanout = (cpu.TotalMilliseconds / changes) - upkeep.TotalMilliseconds - baselinePerChange;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server process CPU per change with no screen open (after the run; {watchersLeft} board watchers left after {wait.Elapsed.TotalSeconds:0} s): " +
            $"{baselinePerChange:0} ms over {baselineChanges} changes, {baselineIdlePerInterval:0} ms per {intervalMs} ms with no change taken out (load average {LoadAverage()})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server process CPU per change for the fan-out to {screens.Count} boards and {hubClients} hub clients (the per-change CPU above less that): " +
            $"{fanout:0} ms, {fanout / Math.Max(1, screens.Count):0.00} ms per board if the hub clients cost nothing"));

        Cleanup(folder);
        // Loud, not a figure among others: a circuit that failed, or a board that missed a change, makes the run fail.
        foreach (var error in screenErrors)
        {
            Console.WriteLine("FAILED: " + error);
        }

        if (!chromium && missing > 0)
        {
            Console.WriteLine($"FAILED: {missing} board receipts missing (a board did not show a change before the next one)");
        }

        return screenErrors.Count > 0 || (!chromium && missing > 0) ? 1 : 0;
    }

    /// <summary>The open boards of a run: Chromium tabs, or circuit clients in a child process.</summary>
    private interface IBoardScreens : IAsyncDisposable
    {
        /// <summary>How the report names them.</summary>
        string Kind { get; }

        /// <summary>How many boards are open (interactive).</summary>
        int Count { get; }

        /// <summary>Each board's receipts: when (epoch ms) each new snapshot re-rendered it (its data-updates changed).</summary>
        Task<List<List<double>>> StampsAsync();

        /// <summary>Closes the boards (their circuits disposed); what went wrong with any of them, one line each.</summary>
        Task<List<string>> CloseAsync();
    }

    /// <summary>Chromium tabs on /supervision (--chromium): the real browser, whose renderers share the server's cores.</summary>
    private sealed class ChromiumBoards : IBoardScreens
    {
        private IPlaywright? _playwright;
        private IBrowser? _browser;
        private List<IBrowserContext> _contexts = [];
        private List<IPage> _open = [];
        private Action? _closing;

        public string Kind => "Blazor board tabs (Chromium)";

        public int Count => _open.Count;

        public static async Task<IBoardScreens?> OpenAsync(string url, string director, int tabs)
        {
            var screens = new ChromiumBoards();
            screens._playwright = await Playwright.CreateAsync();
            var opened = await screens.OpenCoreAsync(screens._playwright, url, director, tabs);
            if (opened is null)
            {
                await screens.DisposeAsync();
            }

            return opened;
        }

        private async Task<IBoardScreens?> OpenCoreAsync(IPlaywright playwright, string url, string director, int tabs)
        {
            // Memory decides how many tabs fit. Chromium gave every Playwright tab its own renderer process (a 50-tab run
            // held 58, about 365 MB each with the unbounded lists: ~18 GB, where the machine has 24), whatever
            // --renderer-process-limit said. So the tabs are spread over a few made-up sites (board1.test … mapped to the
            // loopback address), TabsPerContext to a site, and --process-per-site puts each site's tabs in one renderer:
            // a handful of processes for 200 tabs, each still its own circuit and WebSocket.
            var port = new Uri(url).Port;
            var sites = Enumerable.Range(1, (tabs + TabsPerContext - 1) / TabsPerContext).Select(k => $"board{k}.test").ToList();
            var browser = _browser = await BenchmarkBrowser.LaunchAsync(playwright, "--process-per-site",
                "--host-resolver-rules=MAP *.test 127.0.0.1",
                "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows");
            var closing = false;
            browser.Disconnected += (_, _) =>
            {
                if (!Volatile.Read(ref closing))
                {
                    Console.WriteLine("Chromium disconnected before the end of the run (crashed or was killed)");
                }
            };

            // One sign-in, shared by every tab through its storage state (the cookie, copied to each site): 200 sign-ins
            // would be 200 password hashes and 200 form posts before the first board.
            var login = await browser.NewContextAsync();
            var loginPage = await login.NewPageAsync();
            await BenchmarkBrowser.SubmitSignInAsync(loginPage, url, director, Password);
            await loginPage.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 120_000 });
            var state = await login.StorageStateAsync();
            await login.CloseAsync();

            var timer = Stopwatch.StartNew();
            var contexts = new List<IBrowserContext>();
            foreach (var site in sites)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = ForSite(state, site) });
                context.SetDefaultTimeout(120_000);
                contexts.Add(context);
            }

            // In batches (TabsOpening at a time), each tab tried up to three times: a tab that fails to come up (a renderer
            // crash, a circuit that timed out on a saturated machine) is reported, not the end of the run.
            var pages = new IPage?[tabs];
            var failures = 0;
            var opened = 0;
            using (var gate = new SemaphoreSlim(TabsOpening))
            {
                await Task.WhenAll(Enumerable.Range(0, tabs).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        if (!browser.IsConnected)
                        {
                            Interlocked.Increment(ref failures);
                            return;
                        }

                        pages[i] = await OpenBoardTabAsync(browser, contexts[i / TabsPerContext], $"http://{sites[i / TabsPerContext]}:{port}", i);
                        var n = Interlocked.Increment(ref opened);
                        if (n % 25 == 0)
                        {
                            Console.WriteLine($"  {n} tabs interactive after {timer.Elapsed.TotalSeconds:0} s (load average {LoadAverage()}, {MemoryAvailable()} available)");
                        }
                    }
                    catch (Exception e) when (e is PlaywrightException or TimeoutException)
                    {
                        Interlocked.Increment(ref failures);
                        Console.WriteLine($"  tab {i} did not become interactive: {e.Message.Split('\n')[0]}");
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            var open = pages.OfType<IPage>().ToList();
            Console.WriteLine($"{open.Count} of {tabs} board tabs interactive in {timer.Elapsed.TotalSeconds:0} s ({failures} failed)");
            if (open.Count == 0 || !browser.IsConnected)
            {
                // Chromium itself went (on the shared machine, memory: ~60 MB per tab, 13 GB for 200): nothing to measure.
                Console.WriteLine($"Chromium is gone; {MemoryAvailable()} available now. Run with fewer tabs or on a machine with more free memory.");
                return null;
            }

            _contexts = contexts;
            _open = open;
            _closing = () => Volatile.Write(ref closing, true);
            return this;
        }

        public async Task<List<List<double>>> StampsAsync()
        {
            var stamps = new List<List<double>>();
            foreach (var page in _open)
            {
                try
                {
                    var updates = await page.EvaluateAsync<double[][]>("() => window.__updates.map(u => [u[0]])");
                    stamps.Add(updates.Select(u => u[0]).ToList());
                }
                catch (PlaywrightException)
                {
                    stamps.Add([]); // a tab that crashed meanwhile: all its receipts count as missing
                }
            }

            return stamps;
        }

        public async Task<List<string>> CloseAsync()
        {
            _closing?.Invoke();
            foreach (var context in _contexts)
            {
                await context.CloseAsync();
            }

            _contexts = [];
            return [];
        }

        public async ValueTask DisposeAsync()
        {
            await CloseAsync();
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
        }
    }

    /// <summary>
    /// Circuit clients (BlazorCircuitClient) on /supervision in a child process: real circuits, their CPU apart from
    /// the server's, a few MB each where a Chromium tab costs a renderer's share.
    /// </summary>
    private sealed class CircuitBoards(Process child, int count) : IBoardScreens
    {
        private List<List<double>>? _stamps;
        private readonly List<string> _errors = [];

        public string Kind => "Blazor board circuits (circuit clients)";

        public int Count => count;

        public static async Task<IBoardScreens?> OpenAsync(string url, string director, int boards)
        {
            var child = Process.Start(new ProcessStartInfo("dotnet",
                [typeof(BoardsAtScale).Assembly.Location, "--board-circuits-child", url, boards.ToString(CultureInfo.InvariantCulture), director, Password])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            string? line;
            while ((line = await child.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("READY", StringComparison.Ordinal))
            {
                Console.WriteLine(line); // progress and failures, as the child prints them
            }

            var open = line is null ? 0 : int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
            if (open == 0)
            {
                Console.WriteLine("the circuit clients' process opened no board");
                child.Dispose();
                return null;
            }

            return new CircuitBoards(child, open);
        }

        public async Task<List<List<double>>> StampsAsync()
        {
            if (_stamps is not null)
            {
                return _stamps;
            }

            // DONE: the child prints each board's receipts (C …), each circuit's error (E …) and the JS calls (J …), then
            // disposes its circuits (the disconnect beacon, as a closing tab) and ends.
            await child.StandardInput.WriteLineAsync("DONE");
            _stamps = [];
            string? line;
            while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
            {
                if (line.StartsWith("C ", StringComparison.Ordinal))
                {
                    _stamps.Add(line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList());
                }
                else if (line.StartsWith("E ", StringComparison.Ordinal))
                {
                    _errors.Add(line[2..]);
                }
                else
                {
                    Console.WriteLine("  " + line);
                }
            }

            await child.WaitForExitAsync();
            if (child.ExitCode != 0)
            {
                _errors.Add($"the circuit clients' process exited with {child.ExitCode}");
            }

            return _stamps;
        }

        public async Task<List<string>> CloseAsync()
        {
            await StampsAsync();
            return _errors;
        }

        public ValueTask DisposeAsync()
        {
            if (!child.HasExited)
            {
                child.Kill();
            }

            child.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// The circuit clients' process: signs in once over HTTP (the cookie shared by every board, as the tabs share one
    /// storage state), opens N boards on /supervision and waits for each to be interactive (#circuit-state's
    /// data-interactive="true", what the tabs wait for), says READY N, stamps every render batch that sets the board's
    /// data-updates, and on DONE prints the stamps.
    /// </summary>
    public static async Task<int> RunCircuitBoardsAsync(string url, int boards, string userName, string password)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = true })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromMinutes(2),
        };
        await HttpLoadUser.SignInAsync(http, userName, password);
        var stamps = new List<double>[boards];
        var clients = new BlazorCircuitClient?[boards];
        var timer = Stopwatch.StartNew();
        var opened = 0;
        using (var gate = new SemaphoreSlim(CircuitsOpening))
        {
            await Task.WhenAll(Enumerable.Range(0, boards).Select(async i =>
            {
                var mine = stamps[i] = new List<double>(64);
                await gate.WaitAsync();
                try
                {
                    for (var attempt = 1; clients[i] is null; attempt++)
                    {
                        BlazorCircuitClient? client = null;
                        try
                        {
                            client = await BlazorCircuitClient.OpenAsync(http, cookies, url, "/supervision", rendered: batch =>
                            {
                                if (batch.AttributeValue("data-updates") is not null)
                                {
                                    var now = EpochMs();
                                    lock (mine)
                                    {
                                        mine.Add(now);
                                    }
                                }
                            });
                            await client.WaitForAttributeAsync("data-interactive", "true", TimeSpan.FromMinutes(2));
                            clients[i] = client;
                        }
                        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException
                                                      or System.Net.WebSockets.WebSocketException && attempt < 3)
                        {
                            Console.WriteLine($"  board circuit {i}, attempt {attempt}: {e.Message.Split('\n')[0]}; trying again");
                            if (client is not null)
                            {
                                await client.DisposeAsync();
                            }
                        }
                    }

                    var n = Interlocked.Increment(ref opened);
                    if (n % 50 == 0)
                    {
                        Console.WriteLine($"  {n} board circuits interactive after {timer.Elapsed.TotalSeconds:0} s (load average {LoadAverage()})");
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var open = clients.OfType<BlazorCircuitClient>().ToList();
        Console.WriteLine($"{open.Count} of {boards} board circuits interactive in {timer.Elapsed.TotalSeconds:0} s ({boards - open.Count} failed); " +
            $"JS calls while opening: {string.Join(", ", BlazorCircuitClient.JsCalls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ×{c.Value}"))}");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine($"READY {open.Count}");
        await Console.In.ReadLineAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"circuit clients' process CPU from READY to DONE: {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms"));
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            if (client is null)
            {
                continue;
            }

            lock (stamps[i])
            {
                Console.WriteLine("C " + string.Join(' ', stamps[i].Select(s => s.ToString("0.000", CultureInfo.InvariantCulture))));
            }

            if (client.Error is not null)
            {
                Console.WriteLine("E board circuit " + i + ": " + client.Error);
            }
        }

        Console.WriteLine("JS calls answered: " + string.Join(", ", BlazorCircuitClient.JsCalls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ×{c.Value}")));
        await Task.WhenAll(open.Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }

    /// <summary>Circuits opening at once in the clients' process: the server's two cores start them, not the clients.</summary>
    private const int CircuitsOpening = 8;

    /// <summary>The signed-in storage state with its cookies moved to <paramref name="site"/> (the same server).</summary>
    private static string ForSite(string state, string site)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(state)!;
        foreach (var cookie in json["cookies"]!.AsArray())
        {
            cookie!["domain"] = site;
        }

        return json.ToJsonString();
    }

    /// <summary>
    /// Opens one board tab and waits until its circuit is interactive, then installs the receipt stamps: each re-render
    /// with a new snapshot bumps the board's data-updates, and the tab notes when (epoch ms). Up to three attempts.
    /// </summary>
    private static async Task<IPage> OpenBoardTabAsync(IBrowser browser, IBrowserContext context, string url, int index)
    {
        for (var attempt = 1; ; attempt++)
        {
            var page = await context.NewPageAsync();
            page.Crash += (_, _) => Console.WriteLine($"  tab {index} crashed");
            try
            {
                await page.GotoAsync(url + "/supervision", new() { Timeout = 120_000 });
                await page.Locator("[data-testid=board]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
                await page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
                await page.EvaluateAsync("""
                    () => {
                      window.__updates = [];
                      const board = document.querySelector('[data-testid=board]');
                      new MutationObserver(() => window.__updates.push([performance.timeOrigin + performance.now(),
                          board.getAttribute('data-updates'), document.querySelector('[data-testid=figure-received]')?.textContent?.trim()]))
                        .observe(board, { attributes: true, attributeFilter: ['data-updates'] });
                    }
                    """);
                return page;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException && attempt < 3 && browser.IsConnected)
            {
                Console.WriteLine($"  tab {index}, attempt {attempt}: {e.Message.Split('\n')[0]}; trying again");
                try
                {
                    await page.CloseAsync();
                }
                catch (PlaywrightException)
                {
                    // Already gone with its renderer.
                }
            }
        }
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

    /// <summary>
    /// Each receipt is the first stamp a screen took in the change's window (until the next commit). Prints the p99 over
    /// every screen and change (the target: all screens within 1 s p99) and the delay to the last screen per change.
    /// </summary>
    private static int Report(string what, List<List<double>> receipts, double[] zeros, int expected)
    {
        var last = new List<double>();
        var all = new List<double>();
        var missing = 0;
        for (var change = 0; change < zeros.Length; change++)
        {
            var window = change + 1 < zeros.Length ? zeros[change + 1] : double.MaxValue;
            var times = receipts.Select(r => r.FirstOrDefault(t => t >= zeros[change] && t < window, double.NaN)).ToList();
            missing += times.Count(double.IsNaN);
            var got = times.Where(t => !double.IsNaN(t)).Select(t => t - zeros[change]).ToList();
            all.AddRange(got);
            if (got.Count > 0)
            {
                last.Add(got.Max());
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} ({expected}), commit to new figures, every screen and change ({all.Count} receipts): median {BoardFanout.Percentile(all, 50):0} ms, " +
            $"p99 {BoardFanout.Percentile(all, 99):0} ms, max {all.DefaultIfEmpty().Max():0} ms; receipts missing: {missing} of {zeros.Length * receipts.Count}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} ({expected}), commit to the LAST screen's new figures, over {zeros.Length} changes: median {BoardFanout.Percentile(last, 50):0} ms, " +
            $"p99 {BoardFanout.Percentile(last, 99):0} ms, max {last.DefaultIfEmpty().Max():0} ms"));
        return missing;
    }

    /// <summary>Each screen's receipt measured from the moment its change's snapshot was handed to the screens.</summary>
    private static void ReportFrom(string what, List<List<double>> receipts, double[] zeros, double[] handedAt)
    {
        var all = new List<double>();
        var last = new List<double>();
        for (var change = 0; change < zeros.Length; change++)
        {
            if (double.IsNaN(handedAt[change]))
            {
                continue; // coalesced into the next change's snapshot
            }

            var window = change + 1 < zeros.Length ? zeros[change + 1] : double.MaxValue;
            var got = receipts.Select(r => r.FirstOrDefault(t => t >= zeros[change] && t < window, double.NaN))
                .Where(t => !double.IsNaN(t)).Select(t => t - handedAt[change]).ToList();
            all.AddRange(got);
            if (got.Count > 0)
            {
                last.Add(got.Max());
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}, snapshot handed out to new figures shown (the fan-out alone): every screen median {BoardFanout.Percentile(all, 50):0} ms, " +
            $"p99 {BoardFanout.Percentile(all, 99):0} ms; the LAST screen per change median {BoardFanout.Percentile(last, 50):0} ms, p99 {BoardFanout.Percentile(last, 99):0} ms"));
    }

    /// <summary>MemAvailable from /proc/meminfo: 200 tabs need about 13 GB, and the machine has no swap.</summary>
    private static string MemoryAvailable()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal)) : null;
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1048576.0:0.0} GB")
            : "unknown memory";
    }

    /// <summary>The 1-, 5- and 15-minute load averages (the machine is shared: every figure is read with it).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>
    /// Starts the app, once more if the first start fails: on a saturated machine the host's start (the first request
    /// pipeline, the database's first open) has failed once in a 50-tab run; the cause is printed either way.
    /// </summary>
    private static (WebApplicationFactory<PortalDbContext> App, string Url, string Folder) StartWithRetry(string databasePath)
    {
        try
        {
            return Start(databasePath, tabs: true);
        }
#pragma warning disable CA1031 // Any start-up failure: printed, and tried once more.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.WriteLine($"the server did not start ({e.GetType().Name}: {e.Message}); trying once more");
            return Start(databasePath, tabs: true);
        }
    }

    /// <summary>
    /// The real app on Kestrel (loopback) over a copy of the cached database, with the benchmark's fixed clock;
    /// <paramref name="configure"/> adds a harness's own services (a timing middleware, a log recorder).
    /// </summary>
    internal static (WebApplicationFactory<PortalDbContext> App, string Url, string Folder) Start(string databasePath, bool tabs,
        Action<IServiceCollection>? configure = null)
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
            // A free port: without it the delegated factory's host falls back to localhost:5000, taken by any other
            // app running on the machine.
            b.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
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
                configure?.Invoke(s);
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

    internal static void Cleanup(string folder)
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
