using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// The item list's first page for every combination of its filters (issue 17: each ≤ 10 ms), and 我的待办 for each kind
/// of user, over the 100,000-item database. Not a BenchmarkDotNet job: thousands of combinations, each timed with a
/// stopwatch after one warm-up call (the median of three when over the target), in-process (server time, no HTTP); the worst are
/// printed. <c>dotnet run -c Release --project ProposalPortal.Benchmarks -- --lists</c>.
/// </summary>
public static class ListLatency
{
    private static readonly int?[] Years = [null, BenchmarkSettings.CurrentYear, Scenarios.OlderYear];
    private static readonly DueFilter[] Dues = Enum.GetValues<DueFilter>();

    /// <summary>No text; a two-character word; one character; a proposer's name; a word found nowhere; an item number.</summary>
    private static readonly string?[] Texts = [null, "充电", "桩", "王春", "量子计算", "第12号"];

    /// <param name="plans">Also print the SQL and SQLite's plan of each command of the worst calls (<c>--lists --plans</c>).</param>
    public static async Task<int> RunAsync(string databasePath, TextWriter output, bool plans = false, double targetMilliseconds = 10)
    {
        var capture = new QueryPlanExplainer.CommandCapture();
        // The capture only when plans are asked for: the timed calls stay as the app makes them.
        await using var fixture = await PortalFixture.OpenAsync(databasePath, plans
            ? services => services.ConfigureDbContext<PortalDbContext>(o => o.AddInterceptors(capture), ServiceLifetime.Singleton)
            : null);
        var inputs = await ScenarioInputs.LoadAsync(fixture);
        var queries = fixture.Queries;

        var timings = new List<(string Name, double Milliseconds, int Total)>();
        var calls = new Dictionary<string, (ProposalQuery Query, Actor Actor)>();
        var actors = new[] { ("办公室", PortalFixture.Office), ("科室人员", PortalFixture.SectionStaff(inputs.SectionId)) };
        var watch = Stopwatch.StartNew();
        foreach (var (actorName, actor) in actors)
        {
            foreach (var query in Combinations(inputs.SectionId, actor.SeesEverything))
            {
                var (ms, total) = await TimeAsync(async () => (await queries.QueryAsync(query, actor)).Total, targetMilliseconds);
                timings.Add(($"{actorName} {Describe(query)}", ms, total));
                calls[$"{actorName} {Describe(query)}"] = (query, actor);
            }
        }

        // Each value of each filter alone, in every sort, as the Office.
        foreach (var sort in Enum.GetValues<ProposalSort>())
        {
            foreach (var query in SingleFilters(inputs.SectionId).Where(q => sort == ProposalSort.DeadlineAscending || q.Text is null || q.Text == "充电"))
            {
                var sorted = query with { Sort = sort };
                var (ms, total) = await TimeAsync(async () => (await queries.QueryAsync(sorted, PortalFixture.Office)).Total, targetMilliseconds);
                timings.Add(($"办公室 {Describe(sorted)}", ms, total));
                calls[$"办公室 {Describe(sorted)}"] = (sorted, PortalFixture.Office);
            }
        }

        var myWork = fixture.Services.GetRequiredService<MyWorkService>();
        foreach (var (name, actor) in MyWorkActors(inputs.SectionId))
        {
            // The page as the page asks for it: the first 20 rows and 共N件 (the rows column prints N).
            var (ms, count) = await TimeAsync(async () => (await myWork.PageAsync(actor)).Total, targetMilliseconds);
            timings.Add(($"我的待办 {name}", ms, count));
        }

        // The Office's last page: the deepest OFFSET there is.
        var lastPage = (await myWork.PageAsync(PortalFixture.Office)).LastPageIndex;
        {
            var (ms, count) = await TimeAsync(async () => (await myWork.PageAsync(PortalFixture.Office, lastPage)).Total, targetMilliseconds);
            timings.Add(($"我的待办 办公室 末页（第{lastPage + 1}页）", ms, count));
        }

        var over = timings.Where(t => t.Milliseconds > targetMilliseconds).ToList();
        output.WriteLine($"{timings.Count:N0} calls timed in {watch.Elapsed.TotalSeconds:0} s (1 warm-up, then 1 timed call, or the median of 3 when over the target); target ≤ {targetMilliseconds} ms");
        output.WriteLine($"over target: {over.Count}");
        var sortedTimings = timings.Select(t => t.Milliseconds).Order().ToList();
        output.WriteLine($"median {sortedTimings[sortedTimings.Count / 2]:0.00} ms, p95 {sortedTimings[(int)(sortedTimings.Count * 0.95)]:0.00} ms, max {sortedTimings[^1]:0.00} ms");
        output.WriteLine("worst 25:");
        foreach (var t in timings.OrderByDescending(t => t.Milliseconds).Take(25))
        {
            output.WriteLine($"  {t.Milliseconds,8:0.00} ms  {t.Total,7:N0} rows  {t.Name}");
        }

        foreach (var t in timings.Where(t => t.Name.StartsWith("我的待办", StringComparison.Ordinal)))
        {
            output.WriteLine($"  {t.Milliseconds,8:0.00} ms  {t.Total,7:N0} rows  {t.Name}");
        }

        if (plans)
        {
            await PrintPlansAsync(fixture, capture, timings.OrderByDescending(t => t.Milliseconds).Take(25)
                .Where(t => calls.ContainsKey(t.Name)).Select(t => (t.Name, calls[t.Name])), output);
        }

        return over.Count == 0 ? 0 : 1;
    }

    /// <summary>Each call's SQL commands with SQLite's EXPLAIN QUERY PLAN: which index each walks, and whether it sorts.</summary>
    private static async Task PrintPlansAsync(PortalFixture fixture, QueryPlanExplainer.CommandCapture capture,
        IEnumerable<(string Name, (ProposalQuery Query, Actor Actor) Call)> calls, TextWriter output)
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var (name, (query, actor)) in calls)
        {
            capture.Commands.Clear();
            await fixture.Queries.QueryAsync(query, actor);
            output.WriteLine($"-- {name}");
            foreach (var command in capture.Commands)
            {
                output.WriteLine("   " + command.Sql.ReplaceLineEndings(" "));
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
                foreach (var (parameter, value) in command.Parameters)
                {
                    explain.Parameters.AddWithValue(parameter, value ?? DBNull.Value);
                }

                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    output.WriteLine("     | " + reader.GetString(3));
                }
            }
        }
    }

    /// <summary>
    /// Every combination of the filter kinds, each off or on at a representative value (2^9 for the Office, 2^8 for
    /// section staff, who have no section filter); the other values of each kind (every state, due and sort, the
    /// other search words) are run one at a time by <see cref="SingleFilters"/>.
    /// </summary>
    private static IEnumerable<ProposalQuery> Combinations(int sectionId, bool section)
    {
        foreach (var year in new int?[] { null, BenchmarkSettings.CurrentYear })
        foreach (var kind in new ProposalKind?[] { null, ProposalKind.Proposal })
        foreach (var level in new Level?[] { null, Level.City })
        foreach (var role in new HandlingRole?[] { null, HandlingRole.Lead })
        foreach (var state in new ProposalState?[] { null, ProposalState.InProgress })
        foreach (var sectionFilter in section ? new int?[] { null, sectionId } : [null])
        foreach (var key in new bool?[] { null, true })
        foreach (var due in new[] { DueFilter.Any, DueFilter.Overdue })
        foreach (var text in new string?[] { null, "充电" })
        {
            yield return new ProposalQuery(year, kind, level, role, state, sectionFilter, key, due, text, PageSize: 20);
        }
    }

    /// <summary>No filter, each year, state, due and search word alone and with the current year, and the other kinds alone.</summary>
    private static IEnumerable<ProposalQuery> SingleFilters(int sectionId)
    {
        yield return new ProposalQuery(PageSize: 20);
        foreach (var year in Years.OfType<int>())
        {
            yield return new ProposalQuery(Year: year, PageSize: 20);
        }

        foreach (var year in new int?[] { null, BenchmarkSettings.CurrentYear })
        {
            foreach (var state in Enum.GetValues<ProposalState>())
            {
                yield return new ProposalQuery(Year: year, State: state, PageSize: 20);
            }

            foreach (var due in Dues)
            {
                yield return new ProposalQuery(Year: year, Due: due, PageSize: 20);
            }

            foreach (var text in Texts.OfType<string>())
            {
                yield return new ProposalQuery(Year: year, Text: text, PageSize: 20);
            }
        }

        yield return new ProposalQuery(Kind: ProposalKind.Proposal, PageSize: 20);
        yield return new ProposalQuery(Level: Level.City, PageSize: 20);
        yield return new ProposalQuery(Role: HandlingRole.Assisting, PageSize: 20);
        yield return new ProposalQuery(SectionId: sectionId, PageSize: 20);
        yield return new ProposalQuery(IsKey: true, PageSize: 20);
    }

    private static IReadOnlyList<(string Name, Actor Actor)> MyWorkActors(int sectionId) =>
        [
            ("办公室", PortalFixture.Office),
            ("局长", new Actor(0, "局长", StaffRoles.Director)),
            ("签发代理人", new Actor(0, "代理", StaffRoles.DeputyDirector, OverseenSectionIds: new HashSet<int> { sectionId }, IsSignOffDelegate: true)),
            ("分管副局长", new Actor(0, "副局长", StaffRoles.DeputyDirector, OverseenSectionIds: Enumerable.Range(sectionId, 10).ToHashSet())),
            ("科室人员", PortalFixture.SectionStaff(sectionId)),
        ];

    /// <summary>
    /// 我的待办 alone (<c>--my-work [N]</c>): each kind of user's first page, and the Office's last page, N timed calls
    /// each after one warm-up; prints the median and the worst, and 共N件 (the total the page shows).
    /// </summary>
    public static async Task<int> MyWorkAsync(string databasePath, TextWriter output, int repeats = 20, double targetMilliseconds = 10)
    {
        await using var fixture = await PortalFixture.OpenAsync(databasePath);
        var inputs = await ScenarioInputs.LoadAsync(fixture);
        var myWork = fixture.Services.GetRequiredService<MyWorkService>();
        var lastPage = (await myWork.PageAsync(PortalFixture.Office)).LastPageIndex;
        var calls = MyWorkActors(inputs.SectionId)
            .Select(a => (a.Name, Call: (Func<Task<MyWorkPage>>)(() => myWork.PageAsync(a.Actor))))
            .Append(($"办公室 末页（第{lastPage + 1}页）", () => myWork.PageAsync(PortalFixture.Office, lastPage)));
        var worst = 0.0;
        output.WriteLine($"我的待办, {repeats} timed calls each after 1 warm-up (20 rows a page): median / max");
        foreach (var (name, call) in calls)
        {
            var page = await call();
            var samples = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            samples.Sort();
            var median = samples[samples.Count / 2];
            worst = Math.Max(worst, median);
            output.WriteLine($"  {median,8:0.00} ms / {samples[^1],8:0.00} ms  共{page.Total:N0}件, {page.Rows.Count} rows  我的待办 {name}");
        }

        output.WriteLine($"worst median {worst:0.00} ms; target ≤ {targetMilliseconds} ms: {(worst <= targetMilliseconds ? "met" : "not met")}");
        return worst <= targetMilliseconds ? 0 : 1;
    }

    /// <summary>One warm-up call, one timed; a call over the target is timed twice more and the median kept.</summary>
    private static async Task<(double Milliseconds, int Total)> TimeAsync(Func<Task<int>> call, double targetMilliseconds)
    {
        var total = await call();
        var samples = new List<double>();
        for (var i = 0; i < 3 && (i == 0 || samples[0] > targetMilliseconds); i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        samples.Sort();
        return (samples[samples.Count / 2], total);
    }

    private static string Describe(ProposalQuery q)
    {
        var parts = new List<string>();
        if (q.Year is { } y) parts.Add($"{y}年");
        if (q.Kind is { } k) parts.Add(k.ToString());
        if (q.Level is { } l) parts.Add(l.ToString());
        if (q.Role is { } r) parts.Add(r.ToString());
        if (q.State is { } s) parts.Add(s.ToString());
        if (q.SectionId is not null) parts.Add("科室");
        if (q.IsKey is true) parts.Add("重点");
        if (q.Due != DueFilter.Any) parts.Add(q.Due.ToString());
        if (q.Text is { } t) parts.Add($"「{t}」");
        if (q.Sort != ProposalSort.DeadlineAscending) parts.Add(q.Sort.ToString());
        return parts.Count == 0 ? "(全部)" : string.Join(' ', parts);
    }
}
