using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Part of <c>--explain</c>: where the statistics call spends its time. Times the app's
/// <see cref="Features.Statistics.StatisticsService.GetYearFiguresAsync"/> as a whole, the app's own
/// <see cref="FigureRules.Compute"/> alone (over facts loaded once), and the first, widest read alone.
/// </summary>
public static class StatisticsBreakdown
{
    public static async Task<string> MeasureAsync(PortalFixture fixture, int year, int runs = 15)
    {
        var services = fixture.Services;
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var contexts = services.GetRequiredService<WorkflowContextFactory>();
        var clock = services.GetRequiredService<PortalClock>();
        var options = services.GetRequiredService<IOptionsMonitor<StatisticsOptions>>().CurrentValue;
        var deadlines = await contexts.DeadlinesAsync();

        // The facts, loaded the way the service loads them (a replica, only to feed FigureRules.Compute).
        await using var db = await factory.CreateDbContextAsync();
        var items = await db.Proposals.AsNoTracking().Where(p => p.Year == year)
            .Select(p => new { p.Id, p.Kind, p.Level, p.Role, p.State, p.IsKey, p.Deadline, p.ClosedOn,
                SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId })
            .ToListAsync();
        var facts = items.Select(i => new ProposalFacts(i.Id, i.Kind, i.Level, i.Role, i.State, i.IsKey, i.Deadline, i.ClosedOn,
            i.SectionId, ResultCategory.A, true, true, Satisfaction.Satisfied, Satisfaction.Satisfied, false,
            Proposal.IsDeadlineStepDoneIn(i.State))).ToList();
        var topics = (await (from t in db.Set<ProposalTopic>().AsNoTracking()
                             join p in db.Proposals on EF.Property<int>(t, "ProposalId") equals p.Id
                             where p.Year == year
                             select new { p.Id, t.Name }).ToListAsync()).Select(t => (t.Id, t.Name)).ToList();
        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);

        var service = await Time(runs, () => fixture.Statistics.GetYearFiguresAsync(year));
        var compute = await Time(runs, () => Task.FromResult(FigureRules.Compute(year, facts, topics, sections,
            new Dictionary<Domain.WorkMeetingKind, int>(), 1, clock.Today, options, deadlines)));
        var firstRead = await Time(runs, async () =>
        {
            await using var context = await factory.CreateDbContextAsync();
            return await context.Proposals.AsNoTracking().Where(p => p.Year == year)
                .Select(p => new { p.Id, p.Kind, p.Level, p.Role, p.State, p.IsKey, p.Deadline, p.ClosedOn,
                    SectionId = p.Responsibility == null ? (int?)null : p.Responsibility.SectionId })
                .ToListAsync();
        });

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        await fixture.Statistics.GetYearFiguresAsync(year);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"### Statistics {year}: where the time goes (medians of {runs} runs)"));
        text.AppendLine(FormattableString.Invariant($"- GetYearFiguresAsync({year}) whole: {service:F2} ms, ~{allocated / 1024.0 / 1024.0:F1} MiB allocated on this thread"));
        text.AppendLine(FormattableString.Invariant($"- first read alone (10,000 rows of Proposals, EF projection): {firstRead:F2} ms"));
        text.AppendLine(FormattableString.Invariant($"- FigureRules.Compute alone over {facts.Count:N0} facts: {compute:F2} ms"));
        return text.ToString();
    }

    private static async Task<double> Time<T>(int runs, Func<Task<T>> run)
    {
        for (var i = 0; i < QueryPlanExplainer.WarmupCalls; i++)
        {
            await run();
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
