using BenchmarkDotNet.Running;
using ProposalPortal.Benchmarks;

if (args.Length > 0 && args[0] == "--circuits")
{
    // Server memory per signed-in circuit on the item list (not a BenchmarkDotNet run; see CircuitMemory).
    return await CircuitMemory.RunAsync(args.Length > 1 && int.TryParse(args[1], out var n) ? n : 40,
        args.Length > 2 ? args[2] : "/proposals");
}

if (args.Length > 0 && args[0] == "--board-clients")
{
    // N SignalR board clients: commit-to-receipt latency and server memory per client (see BoardFanout).
    return await BoardFanout.RunAsync(args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1000,
        args.Length > 2 && int.TryParse(args[2], out var t) ? t : 100);
}

if (args.Length > 0 && args[0] == "--board-clients-child")
{
    return await BoardFanout.RunClientsAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Length > 0 && args[0] == "--board-figures-child")
{
    return await BoardsAtScale.RunHubClientsAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Length > 4 && args[0] == "--board-circuits-child")
{
    // The boards benchmark's circuit clients (see BoardsAtScale.RunCircuitBoardsAsync): URL N USER PASSWORD.
    return await BoardsAtScale.RunCircuitBoardsAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3], args[4]);
}

if (args.Length > 1 && args[0] == "--load-clients-child")
{
    return await CircuitClientLoadUser.RunChildAsync(args[1]);
}

if (args.Length > 1 && args[0] == "--load-http-child")
{
    return await HttpLoadUser.RunChildAsync(args[1]);
}

if (args.Length > 5 && args[0] == "--first-content")
{
    // Time to first content of a running portal's pages (issue 13): --first-content URL USER PASSWORD LOADS PATH...
    return await FirstContent.RunAsync(Console.Out, args[1], args[2], args[3],
        int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), args[5..]);
}

if (args.Length > 0 && args[0] == "--audit")
{
    // Hash-chain verification over a million audit entries (issue 12; see AuditVerificationMeasurement).
    return await AuditVerificationMeasurement.RunAsync(args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1_000_000);
}

if (args.Length > 0 && args[0] == "--signoff")
{
    // A key item's 签发 in Chromium against the real app, with the server's timeline (issue 17; see SignOffTiming).
    return await SignOffTiming.RunAsync(Console.Out, args.Contains("--warm"));
}

if (args.Length > 0 && args[0] == "--letters")
{
    // Reply letters need no database: render and sign only (issue 4).
    var letters = BenchmarkRunner.Run<LetterBenchmarks>(args: args[1..]);
    return letters.HasCriticalValidationErrors ? 1 : 0;
}

// The cached database lives in the host's artifacts folder; the benchmark processes BenchmarkDotNet starts inherit
// the path through the environment, so the data set is generated at most once and reused by every later run.
var path = Environment.GetEnvironmentVariable(BenchmarkSettings.DatabasePathVariable) is { Length: > 0 } given
    ? Path.GetFullPath(given)
    : Path.GetFullPath(Path.Combine("BenchmarkDotNet.Artifacts", BenchmarkSettings.DatabaseFileName));
Environment.SetEnvironmentVariable(BenchmarkSettings.DatabasePathVariable, path);

if (args.Contains("--public"))
{
    // The public pages over their own 10,000-reply database, without the 100,000-item one (see PublicPagesBenchmarks).
    await PublicBenchmarkDatabase.EnsureAsync(PublicBenchmarkDatabase.Path, Console.Out);
    var publicResults = BenchmarkSwitcher.FromTypes([typeof(PublicPagesBenchmarks)]).Run(args.Where(a => a != "--public").ToArray());
    return publicResults.Any(r => r.HasCriticalValidationErrors) ? 1 : 0;
}

if (args.Length > 1 && args[0] == "--postgresql")
{
    // The same scenarios on PostgreSQL: the cached SQLite database moved there with copy-data (see PostgreSqlMeasurement).
    return await PostgreSqlMeasurement.RunAsync(path, args[1], args.Length > 2 && int.TryParse(args[2], out var runs) ? runs : 15);
}

Console.WriteLine("Synthetic database (sanity check):");
var summary = await BenchmarkDatabase.EnsureAsync(path, Console.Out);
Console.WriteLine(summary);

if (args.Contains("--prepare"))
{
    // Only generate (or check) the cached database.
    return summary.IsComplete ? 0 : 1;
}

if (args.Length > 0 && args[0] == "--my-work")
{
    // 我的待办 alone, each kind of user, the median of N calls (issue 17; see ListLatency.MyWorkAsync).
    return await ListLatency.MyWorkAsync(path, Console.Out, args.Length > 1 && int.TryParse(args[1], out var repeats) ? repeats : 20);
}

if (args.Contains("--lists"))
{
    // The item list's first page for every filter combination, and 我的待办 (issue 17; see ListLatency).
    return await ListLatency.RunAsync(path, Console.Out, plans: args.Contains("--plans"));
}

int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var value) ? value : fallback;

if (args.Length > 0 && args[0] == "--related")
{
    // Issue 17: the item page's related replies, per kind of viewer, median and p95 of N calls per item (see RelatedRepliesLatency).
    return await RelatedRepliesLatency.RunAsync(path, Console.Out, Arg(1, 20), plans: args.Contains("--plans"));
}

if (args.Length > 0 && args[0] == "--figures")
{
    // Issue 17: the year's figures after a change to one item, computed from scratch, and from the cache (see BoardsAtScale).
    return await BoardsAtScale.FiguresAsync(path, Arg(1, 20));
}

if (args.Length > 0 && args[0] == "--signoff-server")
{
    // Issue 17: the 签发 use case's server time in process, warm, with its phases (see SignOffServer). It writes: use a copy.
    return await SignOffServer.RunAsync(path, Arg(1, 20));
}

if (args.Length > 0 && args[0] == "--statistics-api")
{
    // Issue 17: GET /api/v1/statistics/{year} over HTTP, median of 20.
    return await BoardsAtScale.StatisticsApiAsync(path, Arg(1, 20));
}

if (args.Length > 0 && args[0] == "--boards")
{
    // Issue 17: 200 Blazor boards and 1,000 hub clients hearing each change's new figures ([boards] [clients] [changes] [ms
    // between changes]); the boards are circuit clients in a child process, or Chromium tabs with --chromium.
    return await BoardsAtScale.BoardsAsync(path, Arg(1, 200), Arg(2, 1000), Arg(3, 20), Arg(4, 3000), chromium: args.Contains("--chromium"));
}

if (args.Contains("--refresh-counts"))
{
    // Issue 17, session 9: open list pages rendered again per change, every visible change vs only those that can alter the page.
    return await LiveRefreshCounts.RunAsync(path, Console.Out);
}

if (args.Length > 0 && args[0] == "--load")
{
    // Issue 17: N signed-in users (30 % with circuits: circuit clients, or Chromium with --chromium; the rest over HTTP)
    // for S seconds: server time per action, CPU, memory.
    return await ManyUsers.RunAsync(path, Arg(1, 100), Arg(2, 300), args.Length > 3 && int.TryParse(args[3], out _) ? Arg(3, 0) : null,
        chromium: args.Contains("--chromium"));
}

if (args.Contains("--backup"))
{
    // The backup and restore commands over the 100,000-item database, three runs (see BackupTiming).
    return await BackupTiming.RunAsync(path, 3, Console.Out);
}

if (args.Contains("--explain"))
{
    // The SQL EF sends for each scenario, with SQLite's EXPLAIN QUERY PLAN, to diagnose a missed target.
    var report = await QueryPlanExplainer.ExplainAsync(path);
    var file = Path.Combine(Path.GetDirectoryName(path)!, "query-plans.md");
    await File.WriteAllTextAsync(file, report);
    Console.WriteLine(report);
    Console.WriteLine($"(written to {file})");
    return 0;
}

var results = BenchmarkSwitcher.FromAssembly(typeof(PortalBenchmarks).Assembly).Run(args);
return results.Any(r => r.HasCriticalValidationErrors) ? 1 : 0;
