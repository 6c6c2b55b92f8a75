using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Accounts;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Issue 17's many users: <c>--load [users] [seconds] [circuits]</c> (default 100 users, 300 s, 30 % of them circuits).
/// The real app on Kestrel over a copy of the benchmark database; accounts made for real staff of the synthetic bureau
/// through <see cref="AccountAdministration"/> (the 局长, the 分管副局长, the Office and section staff); every user signed in
/// through the login form, then working in a loop with 1–3 s of think time: the item list with a varied filter and page,
/// an item, and a step of their role.
/// <list type="bullet">
/// <item>Circuit users: circuit clients (<see cref="CircuitClientLoadUser"/>, a child process; the default), or with
/// <c>--chromium</c> one Chromium, a context per user. The list and the item page are real page loads (static pages
/// whose islands start a circuit), and the step (登记沟通 for section staff, 催办 for leaders and the Office) is taken in
/// the item page's island: the button, the dialog, 提交.</item>
/// <item>HTTP users: a child process (so that its CPU is not the server's) with an HttpClient per user and the sign-in
/// cookie, fetching each page's HTML (a browser keeps the fingerprinted assets cached): the list, an item from it, and
/// 我的待办; the Office's step is the list's batch form (签收 of a registered item, then 催办), posted with its token.</item>
/// </list>
/// Server time is measured in the server process: every request by a timing middleware (first in the pipeline, until
/// the response is complete, streamed rendering included), every circuit event and island render by the
/// <c>Microsoft.AspNetCore.Components</c> meters of .NET 10. Errors: any status ≥ 400, any error logged by the app, any
/// refused step, page error, console error or reconnect in Chromium, any failed check of a page's content.
/// </summary>
public static class ManyUsers
{
    internal const string Password = "Bench@2026-load";

    /// <summary>Each user's actions wait this long at most before they count as an error.</summary>
    internal const int ActionTimeoutMs = 30_000;

    public static async Task<int> RunAsync(string databasePath, int users, int seconds, int? circuitUsers, bool chromium = false)
    {
        if (!System.Runtime.GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
        {
            // The portal runs with server GC (a web project's default, in its runtimeconfig); this console process does
            // not. The same command again, in a process that does, so that the server's GC is the one it runs with.
            var start = new ProcessStartInfo("dotnet", [typeof(ManyUsers).Assembly.Location, .. Environment.GetCommandLineArgs().Skip(1)])
            {
                UseShellExecute = false,
            };
            start.Environment["DOTNET_gcServer"] = "1";
            using var again = Process.Start(start)!;
            await again.WaitForExitAsync();
            return again.ExitCode;
        }

        // As the portal's runtimeconfig sets it: a static page's NavigateTo answers with a redirect, not an exception.
        AppContext.SetSwitch("Microsoft.AspNetCore.Components.Endpoints.NavigationManager.DisableThrowNavigationException", true);
        var setup = Stopwatch.StartNew();
        var circuits = Math.Clamp(circuitUsers ?? (int)Math.Round(users * 0.3), 0, users);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"many users: {users} users ({circuits} {(chromium ? "in Chromium" : "circuit clients")}, {users - circuits} over HTTP) for {seconds} s; think time {Environment.GetEnvironmentVariable("PORTAL_LOAD_THINK_MS") ?? "1000-3000"} ms; server GC {System.Runtime.GCSettings.IsServerGC}; load average {LoadAverage()}"));
        var recorder = new ServerRecorder();
        var (app, url, folder) = BoardsAtScale.Start(databasePath, tabs: true, recorder.Register);
        await using var _ = app;
        Console.WriteLine($"app on a copy of the database at {url} after {setup.Elapsed.TotalSeconds:0} s");
        recorder.Listen();

        var roster = await LoadRoster.PrepareAsync(app.Services, users, circuits);
        Console.WriteLine($"{users} accounts made and their pools drawn after {setup.Elapsed.TotalSeconds:0} s: " + LoadRoster.Describe(roster));

        // The HTTP users in their own process: it signs them in and waits for the start.
        var planPath = Path.Combine(folder, "http-plan.json");
        await File.WriteAllTextAsync(planPath, JsonSerializer.Serialize(new HttpPlan(url, seconds, Password, roster.Where(u => !u.Circuit).ToList())));
        using var child = Process.Start(new ProcessStartInfo("dotnet", [typeof(ManyUsers).Assembly.Location, "--load-http-child", planPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;

        // The circuit users: circuit clients in a child process of their own (BlazorCircuitClient), or Chromium (--chromium).
        var circuitRoster = roster.Where(u => u.Circuit).ToList();
        Process? clientsChild = null;
        if (!chromium)
        {
            var clientsPlan = Path.Combine(folder, "clients-plan.json");
            await File.WriteAllTextAsync(clientsPlan, JsonSerializer.Serialize(new HttpPlan(url, seconds, Password, circuitRoster)));
            clientsChild = Process.Start(new ProcessStartInfo("dotnet", [typeof(ManyUsers).Assembly.Location, "--load-clients-child", clientsPlan])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
        }

        using var clientsProcess = clientsChild;
        using var playwright = chromium ? await Playwright.CreateAsync() : null;
        await using var browser = playwright is null ? null : await BenchmarkBrowser.LaunchAsync(playwright, "--renderer-process-limit=8",
            "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows");
        var clientStats = new ClientStats();
        var circuitUsersList = new CircuitLoadUser[browser is null ? 0 : circuitRoster.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, circuitUsersList.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => circuitUsersList[i] = await CircuitLoadUser.SignInAsync(browser!, url, circuitRoster[i], clientStats));

        // Warm-up, not measured: the first list, item page, island and step dialog load code, EF models and caches.
        if (circuitUsersList.Length > 0)
        {
            await circuitUsersList[0].WarmUpAsync();
        }

        // Each other context opens the list once, so that its cache holds the fingerprinted assets, as a colleague's
        // browser does from the day before: thirty cold browsers fetching MudBlazor at the same second is not the mix.
        await Parallel.ForEachAsync(circuitUsersList.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (user, _) => await user.PreloadAsync());

        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) != "READY")
        {
            if (line is null)
            {
                Console.WriteLine("the HTTP users' process ended before it was ready");
                return 1;
            }

            Console.WriteLine("  http: " + line);
        }

        if (clientsChild is not null)
        {
            while ((line = await clientsChild.StandardOutput.ReadLineAsync()) != "READY")
            {
                if (line is null)
                {
                    Console.WriteLine("the circuit clients' process ended before it was ready");
                    return 1;
                }

                Console.WriteLine("  circuit clients: " + line);
            }
        }

        Console.WriteLine($"all signed in after {setup.Elapsed.TotalSeconds:0} s; running {seconds} s …");
        clientStats.Clear();
        recorder.Start();
        var sampler = ResourceSampler.Start();
        await child.StandardInput.WriteLineAsync("GO");
        if (clientsChild is not null)
        {
            await clientsChild.StandardInput.WriteLineAsync("GO");
        }

        var end = DateTime.UtcNow.AddSeconds(seconds);
        var loops = circuitUsersList.Select((u, i) => u.RunAsync(end, new Random(BenchmarkSettings.Seed + i))).ToList();
        await Task.WhenAll(loops);
        ClientStatsSnapshot? clientsResult = null;
        if (clientsChild is not null)
        {
            while ((line = await clientsChild.StandardOutput.ReadLineAsync()) is not null)
            {
                if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    clientsResult = JsonSerializer.Deserialize<ClientStatsSnapshot>(line["RESULT ".Length..]);
                }
                else
                {
                    Console.WriteLine("  circuit clients: " + line);
                }
            }

            await clientsChild.WaitForExitAsync();
            if (clientsResult is null)
            {
                clientStats.Error($"the circuit clients' process ended without a result (exit code {clientsChild.ExitCode})");
            }
        }
        string? result = null;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                result = line["RESULT ".Length..];
            }
            else
            {
                Console.WriteLine("  http: " + line);
            }
        }

        await child.WaitForExitAsync();
        var resources = sampler.Stop();
        recorder.Stop();
        var httpStats = result is null ? null : JsonSerializer.Deserialize<ClientStatsSnapshot>(result);

        Console.WriteLine();
        Console.WriteLine($"=== {users} users ({circuits} circuits), {seconds} s; load average at the end {LoadAverage()}");
        var circuitStats = clientsResult is null ? clientStats.Snapshot()
            : clientsResult with { Errors = [.. clientsResult.Errors, .. clientStats.Snapshot().Errors] };
        var failed = LoadReport.Print(recorder, circuitStats, httpStats, resources, chromium ? "Chromium" : "circuit-client");
        foreach (var user in circuitUsersList)
        {
            await user.DisposeAsync();
        }

        // The app and its background workers stop before their database goes (disposing again at the end is harmless).
        await app.DisposeAsync();
        BoardsAtScale.Cleanup(folder);
        return failed ? 1 : 0;
    }

    /// <summary>The machine's load averages (1, 5, 15 minutes): the figures depend on what else runs.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

/// <summary>Who the users are and what each works on; written as JSON for the HTTP users' process.</summary>
internal enum LoadRole
{
    Director,
    Deputy,
    Office,
    Section,
}

/// <param name="StepItems">
/// The items this user takes steps on, theirs alone (no two users step on one item, so that no step is refused as a
/// conflict with another's change: a refusal is then an error).
/// </param>
/// <param name="BrowseItems">Items the user may see, opened when a list page happens to show no rows.</param>
/// <param name="Sections">Sections for the list's section filter (those who see every section).</param>
internal sealed record LoadUser(
    string UserName, LoadRole Role, int StaffId, int? SectionId, bool Circuit, List<int> StepItems, List<int> BrowseItems, List<int> Sections)
{
    /// <summary>The step this user takes on an item page: section staff log a contact, leaders and the Office chase.</summary>
    public WorkflowStep Step => Role == LoadRole.Section ? WorkflowStep.LogCommunication : WorkflowStep.Chase;

    public bool SeesEverything => Role != LoadRole.Section;
}

internal sealed record HttpPlan(string Url, int Seconds, string Password, List<LoadUser> Users);

internal static class LoadRoster
{
    /// <summary>
    /// The users: the 局长, about 6 % 分管副局长 (at most the six there are), the Office clerk (the synthetic bureau's other
    /// Office member is the administrator, whose account exists), the rest section staff, one per section before a
    /// section's second. Leaders and then section staff are the circuit users, up to <paramref name="circuits"/>; the
    /// Office clerk works over HTTP (the batch form). Accounts through the app's own account service, as the administrator would make them;
    /// the first-sign-in password change is marked done.
    /// </summary>
    public static async Task<List<LoadUser>> PrepareAsync(IServiceProvider services, int count, int circuits)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var all = await db.Staff.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Id).ToListAsync();
        var admin = all.First(s => s.Roles.HasFlag(StaffRoles.Admin));
        // The first administrator already has an account (admin); every other person gets one.
        var withAccounts = await db.Users.Select(u => u.StaffMemberId).ToListAsync();
        var staff = all.Where(s => !withAccounts.Contains(s.Id)).ToList();
        var offices = staff.Where(s => s.Roles.HasFlag(StaffRoles.Office)).Take(1).ToList();
        var leaders = staff.Where(s => s.Roles.HasFlag(StaffRoles.Director)).Take(1)
            .Concat(staff.Where(s => s.Roles.HasFlag(StaffRoles.DeputyDirector)).Take(Math.Min(6, (int)Math.Ceiling(count * 0.06))))
            .ToList();
        var sectionStaff = staff.Where(s => s.Roles == StaffRoles.SectionStaff && s.SectionId is not null)
            .GroupBy(s => s.SectionId!.Value)
            .SelectMany(g => g.Select((s, i) => (s, i)))
            .OrderBy(x => x.i).ThenBy(x => x.s.SectionId).Select(x => x.s)
            .Take(Math.Max(0, count - leaders.Count - offices.Count)).ToList();

        var users = new List<LoadUser>();
        var circuitsLeft = circuits;
        LoadUser Add(StaffMember s, LoadRole role, bool circuit)
        {
            circuitsLeft -= circuit ? 1 : 0;
            var user = new LoadUser(string.Create(CultureInfo.InvariantCulture, $"load-{users.Count + 1:000}"), role, s.Id, s.SectionId, circuit, [], [], []);
            users.Add(user);
            return user;
        }

        foreach (var leader in leaders)
        {
            Add(leader, leader.Roles.HasFlag(StaffRoles.Director) ? LoadRole.Director : LoadRole.Deputy, circuitsLeft > 0);
        }

        foreach (var office in offices)
        {
            Add(office, LoadRole.Office, circuit: false);
        }

        foreach (var member in sectionStaff)
        {
            Add(member, LoadRole.Section, circuitsLeft > 0);
        }

        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var adminActor = Actor.For(admin, []);
        foreach (var user in users)
        {
            var created = await accounts.CreateAccountAsync(adminActor, user.StaffId, user.UserName, ManyUsers.Password);
            if (!created.IsOk)
            {
                throw new InvalidOperationException($"account {user.UserName}: {created.Error}");
            }
        }

        // As if each had changed the initial password at the first sign-in (that page is not what is measured).
        await db.Users.Where(u => u.UserName!.StartsWith("load-")).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false));

        await DrawPoolsAsync(db, users);
        return users;
    }

    /// <summary>
    /// Each item of the current year that waits on its section (在办, 已拟稿, 重新办理, lead, with a 五定) goes to one
    /// user who may step on it (section staff of its section, leaders and the Office), always the one with the fewest so far.
    /// </summary>
    private static async Task DrawPoolsAsync(PortalDbContext db, List<LoadUser> users)
    {
        var open = new[] { ProposalState.InProgress, ProposalState.Drafted, ProposalState.Reopened };
        var items = await db.Proposals.AsNoTracking()
            .Where(p => p.Year == BenchmarkSettings.CurrentYear && p.Role == HandlingRole.Lead && open.Contains(p.State) && p.Responsibility != null)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Responsibility!.SectionId }).ToListAsync();
        var random = new Random(BenchmarkSettings.Seed);
        var steppers = users.Where(u => u.Circuit || u.Role == LoadRole.Office).ToList();
        foreach (var item in items.OrderBy(_ => random.Next()))
        {
            var candidates = steppers.Where(u => u.Role != LoadRole.Section || u.SectionId == item.SectionId).ToList();
            if (candidates.Count > 0)
            {
                candidates.MinBy(u => u.StepItems.Count)!.StepItems.Add(item.Id);
            }
        }

        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
        var everything = await db.Proposals.AsNoTracking().Where(p => p.Id % 500 == 7).Select(p => p.Id).ToListAsync();
        foreach (var user in users)
        {
            if (user.SeesEverything)
            {
                user.BrowseItems.AddRange(everything);
                user.Sections.AddRange(sections);
            }
            else
            {
                user.BrowseItems.AddRange(await db.Proposals.AsNoTracking().Where(p => p.Responsibility!.SectionId == user.SectionId)
                    .OrderByDescending(p => p.Id).Select(p => p.Id).Take(60).ToListAsync());
            }
        }
    }

    public static string Describe(List<LoadUser> users) =>
        string.Join(", ", users.GroupBy(u => (u.Role, u.Circuit)).Select(g =>
            $"{g.Count()} {g.Key.Role.ToString().ToLowerInvariant()} ({(g.Key.Circuit ? "circuit" : "HTTP")}, {g.Sum(u => u.StepItems.Count)} items to step on)"));

    /// <summary>
    /// The list filters people use: the default (this year), a state, due, overdue, a search word or a name, another
    /// year, all years by state and another order, a section (those who see all), key items, 协办, a later page, 50 a page.
    /// </summary>
    public static string ListQuery(LoadUser user, Random random)
    {
        var year = BenchmarkSettings.CurrentYear;
        string[] common =
        [
            "",
            $"year={year}&state=InProgress",
            $"year={year}&due=Overdue",
            $"year={year}&due=DueSoon",
            "q=充电",
            $"year={year}&q=王春",
            "year=2022",
            $"year={year}&page=2",
            $"year={year}&size=50",
            $"year={year}&sort=NumberAscending",
            "state=Closed&sort=AssignedDescending",
            $"year={year}&key=1",
            $"year={year}&role=Assisting",
            $"year={year - 1}&state=Closed&page=3",
        ];
        var query = common[random.Next(common.Length)];
        if (user.Sections.Count > 0 && random.Next(4) == 0)
        {
            query = string.Create(CultureInfo.InvariantCulture, $"year={year}&section={user.Sections[random.Next(user.Sections.Count)]}");
        }

        return query.Length == 0 ? "/proposals" : "/proposals?" + query;
    }
}

/// <summary>A user in Chromium: its own context (the sign-in cookie), one page, the loop of list, item and step.</summary>
internal sealed partial class CircuitLoadUser : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private readonly string _url;
    private readonly LoadUser _user;
    private readonly ClientStats _stats;
    private int _nextItem;

    private CircuitLoadUser(IBrowserContext context, IPage page, string url, LoadUser user, ClientStats stats)
    {
        (_context, _page, _url, _user, _stats) = (context, page, url, user, stats);
        // What a user would see go wrong: a script error, an error on the console (a failed circuit call, a lost
        // connection) or Blazor's reconnect.
        page.PageError += (_, error) => stats.Error($"{user.UserName} page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("reconnect", StringComparison.OrdinalIgnoreCase))
            {
                stats.Error($"{user.UserName} console {message.Type}: {message.Text}");
            }
        };
    }

    /// <summary>Signs in through the login form (over HTTP, as the HTTP users do) and gives the context its cookie.</summary>
    public static async Task<CircuitLoadUser> SignInAsync(IBrowser browser, string url, LoadUser user, ClientStats stats)
    {
        var cookies = new System.Net.CookieContainer();
        using (var http = HttpLoadUser.Client(url, cookies))
        {
            await HttpLoadUser.SignInAsync(http, user.UserName, ManyUsers.Password);
        }

        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync(cookies.GetCookies(new Uri(url)).Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = url }));
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(ManyUsers.ActionTimeoutMs);
        return new CircuitLoadUser(context, page, url, user, stats);
    }

    /// <summary>One list, one item page with its island and one step dialog opened and cancelled: not measured.</summary>
    public async Task WarmUpAsync()
    {
        await _page.GotoAsync(_url + "/proposals");
        var id = _user.StepItems.Count > 0 ? _user.StepItems[0] : _user.BrowseItems[0];
        await OpenItemAsync(id);
        if (_user.StepItems.Count > 0)
        {
            await _page.Locator($"[data-testid=actions] button[data-step={_user.Step}]").ClickAsync();
            await _page.Locator("[data-testid=step-cancel]").ClickAsync();
        }
    }

    /// <summary>The list once, not measured: the context's cache gets the pages' assets.</summary>
    public async Task PreloadAsync() =>
        await _page.GotoAsync(_url + "/proposals", new PageGotoOptions { Timeout = 4 * ManyUsers.ActionTimeoutMs });

    public async Task RunAsync(DateTime end, Random random)
    {
        await Think(random);
        var iteration = 0;
        while (DateTime.UtcNow < end)
        {
            try
            {
                var rows = await TimedAsync("list page (Chromium: load event)", async () =>
                {
                    await _page.GotoAsync(_url + LoadRoster.ListQuery(_user, random));
                    return await _page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('tr[data-proposal-id]')].map(r => +r.dataset.proposalId)");
                });
                await Think(random);

                // Every other visit is to take a step on one of the user's own items; the others read an item of the list.
                var stepping = _user.StepItems.Count > 0 && iteration++ % 2 == 0;
                var id = stepping ? _user.StepItems[_nextItem++ % _user.StepItems.Count]
                    : rows.Length > 0 ? rows[random.Next(rows.Length)] : _user.BrowseItems[random.Next(_user.BrowseItems.Count)];
                await TimedAsync("item page (Chromium: until its island is interactive)", () => OpenItemAsync(id));
                await Think(random);
                if (stepping && DateTime.UtcNow < end)
                {
                    await StepAsync(id);
                    await Think(random);
                }
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                _stats.Error($"{_user.UserName}: {e.Message.Split('\n')[0]}");
                await Think(random);
            }
        }
    }

    private async Task<bool> OpenItemAsync(int id)
    {
        await _page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"{_url}/proposals/{id}"));
        await _page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await _page.Locator("[data-testid=actions], [data-testid=not-found]").First.WaitForAsync();
        if (await _page.Locator("[data-testid=not-found]").CountAsync() > 0)
        {
            _stats.Error($"{_user.UserName}: item {id} not found or not visible");
            return false;
        }

        return true;
    }

    /// <summary>The step through the island: its button, the dialog (登记沟通 needs what was said; 催办 comes filled), 提交.</summary>
    private async Task StepAsync(int id)
    {
        var step = _user.Step;
        var button = _page.Locator($"[data-testid=actions] button[data-step={step}]");
        if (await button.CountAsync() == 0)
        {
            _stats.Error($"{_user.UserName}: {step} not offered on item {id}");
            return;
        }

        await TimedAsync("step dialog opened (Chromium: click → dialog)", async () =>
        {
            await button.ClickAsync();
            await _page.Locator("[data-testid=step-submit]").WaitForAsync();
            return true;
        });
        if (step == WorkflowStep.LogCommunication)
        {
            await _page.Locator("#communication-summary").FillAsync("电话联系提出人，介绍办理思路，听取意见和建议。");
        }

        var outcome = await TimedAsync($"step {step} (Chromium: 提交 → done or refused)", async () =>
        {
            await _page.Locator("[data-testid=step-submit]").ClickAsync();
            var done = _page.Locator("[data-testid=step-error]").Or(_page.Locator(".mud-snackbar"));
            await done.First.WaitForAsync();
            return await _page.Locator("[data-testid=step-error]").CountAsync() > 0
                ? await _page.Locator("[data-testid=step-error]").InnerTextAsync()
                : null;
        });
        if (outcome is not null)
        {
            _stats.Error($"{_user.UserName}: {step} on item {id} refused: {outcome}");
        }
    }

    private async Task<T> TimedAsync<T>(string kind, Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        _stats.Add(kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    private static Task Think(Random random) => Task.Delay(BenchmarkSettings.ThinkTime(random));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

/// <summary>CPU and memory of this process (the server; the HTTP users run elsewhere), sampled every second.</summary>
internal sealed class ResourceSampler
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly List<(double Seconds, double CpuMs, long WorkingSet, long Heap)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuStart;
    private readonly (long Busy, long Total) _machineStart = MachineCpu();
    private readonly TimeSpan _pauseStart = GC.GetTotalPauseDuration();
    private readonly int _gen2Start = GC.CollectionCount(2);
    private readonly Dictionary<int, long> _childrenStart = ChildrenCpu();
    private readonly Dictionary<int, long> _childrenLast = [];
    private Task? _loop;

    private ResourceSampler()
    {
        _process.Refresh();
        _cpuStart = _process.TotalProcessorTime;
    }

    public static ResourceSampler Start()
    {
        var sampler = new ResourceSampler();
        sampler._loop = sampler.LoopAsync();
        return sampler;
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _process.Refresh();
                _samples.Add((_wall.Elapsed.TotalSeconds, (_process.TotalProcessorTime - _cpuStart).TotalMilliseconds, _process.WorkingSet64, GC.GetTotalMemory(false)));
                foreach (var (pid, ticks) in ChildrenCpu())
                {
                    _childrenLast[pid] = ticks;
                }

                await Task.Delay(1000, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public ResourceFigures Stop()
    {
        _stop.Cancel();
        _loop?.GetAwaiter().GetResult();
        _process.Refresh();
        var cpu = _process.TotalProcessorTime - _cpuStart;
        var machine = MachineCpu();
        var machineBusy = machine.Total > _machineStart.Total
            ? (machine.Busy - _machineStart.Busy) / (double)(machine.Total - _machineStart.Total)
            : double.NaN;
        // A process that started during the run counts from zero; one that ended counts until its last sample.
        var children = _childrenLast.Sum(c => c.Value - _childrenStart.GetValueOrDefault(c.Key)) / 100.0;
        return new ResourceFigures(_wall.Elapsed, cpu, Environment.ProcessorCount, machineBusy, [.. _samples],
            GC.GetTotalPauseDuration() - _pauseStart, GC.CollectionCount(2) - _gen2Start, TimeSpan.FromSeconds(children));
    }

    /// <summary>
    /// The CPU (clock ticks, 1/100 s) of every process this one started, and theirs: the Playwright driver, Chromium and
    /// its renderers, the HTTP users' process. They share the machine's cores with the server.
    /// </summary>
    private static Dictionary<int, long> ChildrenCpu()
    {
        var parents = new Dictionary<int, (int Parent, long Ticks)>();
        if (!Directory.Exists("/proc"))
        {
            return [];
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // pid (comm) state ppid … utime stime: fields 4, 14 and 15, counted after the command's closing bracket.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // Ended meanwhile.
            }
        }

        var self = Environment.ProcessId;
        bool Descends(int pid)
        {
            for (var depth = 0; depth < 10 && parents.TryGetValue(pid, out var entry); depth++)
            {
                if (entry.Parent == self)
                {
                    return true;
                }

                pid = entry.Parent;
            }

            return false;
        }

        return parents.Where(p => Descends(p.Key)).ToDictionary(p => p.Key, p => p.Value.Ticks);
    }

    /// <summary>All processes' CPU from /proc/stat (busy and total jiffies): what else the machine did meanwhile.</summary>
    private static (long Busy, long Total) MachineCpu()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }
}

/// <param name="ChildrenCpu">The harness's own processes (Playwright's driver, Chromium, the HTTP users), on the same cores.</param>
internal sealed record ResourceFigures(
    TimeSpan Wall, TimeSpan Cpu, int Cores, double MachineBusy, List<(double Seconds, double CpuMs, long WorkingSet, long Heap)> Samples,
    TimeSpan GcPause, int Gen2Collections, TimeSpan ChildrenCpu);
