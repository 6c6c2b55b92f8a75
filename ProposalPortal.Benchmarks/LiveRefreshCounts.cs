using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Components.Layout;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Commitments;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// How many open list pages render again per change, before (every page whose reader may see the change) and after
/// (only a page the change can alter, <see cref="LiveRefreshRelevance"/>), over the 100,000-item database: counts, not
/// times, so the shared machine's load does not change them. The open pages are the many-users run's: each reader (the
/// Office, the director, and section staff of 20 sections) with each list filter of <see cref="LoadRoster.ListQuery"/>
/// and 我的待办; the changes are 300 of the items the run steps on (a contact logged or a chase: no filter membership
/// moves, so the database is left as it is). Also the time of one weighing against that of the page it spares.
/// <c>--refresh-counts</c>.
/// </summary>
public static class LiveRefreshCounts
{
    public static async Task<int> RunAsync(string databasePath, TextWriter output)
    {
        await using var fixture = await PortalFixture.OpenAsync(databasePath);
        var services = fixture.Services;
        var queries = fixture.Queries;
        var myWork = services.GetRequiredService<MyWorkService>();
        // The reader is handed to each question (the overload that does not ask CurrentActor).
        var relevance = new LiveRefreshRelevance(null!, queries, myWork, services.GetRequiredService<CommitmentQueryService>());
        var year = BenchmarkSettings.CurrentYear;

        List<(int Id, int SectionId)> changes;
        List<int> sections;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var open = new[] { ProposalState.InProgress, ProposalState.Drafted, ProposalState.Reopened };
            var pool = await db.Proposals.AsNoTracking()
                .Where(p => p.Year == year && p.Role == HandlingRole.Lead && open.Contains(p.State) && p.Responsibility != null)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.Responsibility!.SectionId }).ToListAsync();
            var random = new Random(BenchmarkSettings.Seed);
            changes = [.. pool.OrderBy(_ => random.Next()).Take(300).Select(p => (p.Id, p.SectionId))];
            sections = await db.Sections.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).Take(20).ToListAsync();
        }

        var readers = new List<(string Name, Actor Actor)>
        {
            ("办公室", PortalFixture.Office),
            ("局长", new Actor(0, "局长(基准测试)", StaffRoles.Director)),
        };
        readers.AddRange(sections.Select(s => (string.Create(CultureInfo.InvariantCulture, $"科室{s}"), PortalFixture.SectionStaff(s))));

        var now = BenchmarkSettings.Now;
        var pages = new List<(string Kind, Actor Reader, LiveRefreshScope Scope)>();
        var pageTimes = new List<double>();
        foreach (var (_, reader) in readers)
        {
            foreach (var (name, query) in ListFilters(year, reader.SeesEverything ? sections[0] : null))
            {
                var watch = Stopwatch.StartNew();
                var page = await queries.QueryAsync(query, reader);
                pageTimes.Add(watch.Elapsed.TotalMilliseconds);
                pages.Add(($"建议提案 {name}", reader, LiveRefreshScope.ForProposals(query, page, now)));
            }

            pages.Add(("我的待办", reader, LiveRefreshScope.ForMyWork(await myWork.PageAsync(reader), now)));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pages.Count} open pages ({readers.Count} readers × {pages.Count / readers.Count}), {changes.Count} changes; load average {ManyUsers.LoadAverage()}"));
        long before = 0, after = 0;
        var weighTimes = new List<double>();
        var byKind = new Dictionary<string, (long Before, long After)>();
        foreach (var (id, sectionId) in changes)
        {
            foreach (var (kind, reader, scope) in pages)
            {
                // Before: every page whose reader may see the change (SupervisionChange.IsVisibleTo).
                if (!reader.SeesEverything && reader.SectionId != sectionId)
                {
                    continue;
                }

                var watch = Stopwatch.StartNew();
                var refresh = await relevance.ConcernsAsync(scope, [id], newDay: false, reader);
                weighTimes.Add(watch.Elapsed.TotalMilliseconds);
                before++;
                after += refresh ? 1 : 0;
                var key = kind.StartsWith("建议提案", StringComparison.Ordinal) ? "建议提案" : kind;
                var (b, a) = byKind.GetValueOrDefault(key);
                byKind[key] = (b + 1, a + (refresh ? 1 : 0));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"page renders per change: before {(double)before / changes.Count:0.00}, after {(double)after / changes.Count:0.00} ({before} → {after}, {100.0 * after / Math.Max(1, before):0.0} %)"));
        foreach (var (kind, (b, a)) in byKind.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind}: {b} → {a}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one weighing: median {Percentile(weighTimes, 0.5):0.00} ms, p95 {Percentile(weighTimes, 0.95):0.00} ms; the list query it spares (rows and count only, no render): median {Percentile(pageTimes, 0.5):0.00} ms, p95 {Percentile(pageTimes, 0.95):0.00} ms"));
        return 0;
    }

    /// <summary>The many-users run's list filters (<see cref="LoadRoster.ListQuery"/>), as the list reads them from the address.</summary>
    private static IEnumerable<(string Name, ProposalQuery Query)> ListFilters(int year, int? section)
    {
        const int size = 20;
        yield return ("本年", new ProposalQuery(Year: year, PageSize: size));
        yield return ("本年 在办", new ProposalQuery(Year: year, State: ProposalState.InProgress, PageSize: size));
        yield return ("本年 超期", new ProposalQuery(Year: year, Due: DueFilter.Overdue, PageSize: size));
        yield return ("本年 临期", new ProposalQuery(Year: year, Due: DueFilter.DueSoon, PageSize: size));
        yield return ("充电", new ProposalQuery(Text: "充电", PageSize: size));
        yield return ("本年 王春", new ProposalQuery(Year: year, Text: "王春", PageSize: size));
        yield return ("2022年", new ProposalQuery(Year: 2022, PageSize: size));
        yield return ("本年 第2页", new ProposalQuery(Year: year, Page: 1, PageSize: size));
        yield return ("本年 50条", new ProposalQuery(Year: year, PageSize: 50));
        yield return ("本年 按编号", new ProposalQuery(Year: year, Sort: ProposalSort.NumberAscending, PageSize: size));
        yield return ("已办结 按交办", new ProposalQuery(State: ProposalState.Closed, Sort: ProposalSort.AssignedDescending, PageSize: size));
        yield return ("本年 重点", new ProposalQuery(Year: year, IsKey: true, PageSize: size));
        yield return ("本年 协办", new ProposalQuery(Year: year, Role: HandlingRole.Assisting, PageSize: size));
        yield return ("上年 已办结 第3页", new ProposalQuery(Year: year - 1, State: ProposalState.Closed, Page: 2, PageSize: size));
        if (section is { } s)
        {
            yield return ("本年 一个科室", new ProposalQuery(Year: year, SectionId: s, PageSize: size));
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
