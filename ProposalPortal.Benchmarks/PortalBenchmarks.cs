using BenchmarkDotNet.Attributes;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Proposals;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// The statistics and item-list queries over the cached 100,000-item database. Each benchmark calls the service
/// exactly as a page does: a fresh DbContext from the factory per call, over the same SQLite file.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PortalBenchmarks
{
    private PortalFixture _fixture = null!;
    private ScenarioInputs _inputs = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var path = BenchmarkSettings.DatabasePath;
        var summary = await BenchmarkDatabase.EnsureAsync(path, Console.Out);
        Console.WriteLine(summary);
        _fixture = await PortalFixture.OpenAsync(path);
        _inputs = await ScenarioInputs.LoadAsync(_fixture);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _fixture.DisposeAsync();

    private Task<object> Run(string name) => Scenarios.Get(name).Run(_fixture, _inputs);

    [Benchmark(Description = "Statistics 2022 cached (<5 ms)")]
    public async Task<YearFigures> StatisticsClosedYearCached() => (YearFigures)await Run(nameof(StatisticsClosedYearCached));

    [Benchmark(Description = "Statistics 2026 afresh (<30 ms)")]
    public async Task<YearFigures> StatisticsCurrentYear() => (YearFigures)await Run(nameof(StatisticsCurrentYear));

    [Benchmark(Description = "Statistics 2022 afresh (<100 ms)")]
    public async Task<YearFigures> StatisticsOlderYear() => (YearFigures)await Run(nameof(StatisticsOlderYear));

    [Benchmark(Description = "Query 2025+Closed+section (<20 ms)")]
    public async Task<ProposalPage> QueryYearStateSectionClosed() => (ProposalPage)await Run(nameof(QueryYearStateSectionClosed));

    [Benchmark(Description = "Query 2026+InProgress+section (<20 ms)")]
    public async Task<ProposalPage> QueryYearStateSectionInProgress() => (ProposalPage)await Run(nameof(QueryYearStateSectionInProgress));

    [Benchmark(Description = "Query 2026 overdue (<20 ms)")]
    public async Task<ProposalPage> QueryOverdue() => (ProposalPage)await Run(nameof(QueryOverdue));

    [Benchmark(Description = "Query 2026 text 充电 (<20 ms)")]
    public async Task<ProposalPage> QueryText() => (ProposalPage)await Run(nameof(QueryText));

    [Benchmark(Description = "Query 2026 first page (<20 ms)")]
    public async Task<ProposalPage> QueryYearFirstPage() => (ProposalPage)await Run(nameof(QueryYearFirstPage));

    [Benchmark(Description = "Query 2026 section staff (<20 ms)")]
    public async Task<ProposalPage> QuerySectionStaff() => (ProposalPage)await Run(nameof(QuerySectionStaff));
}
