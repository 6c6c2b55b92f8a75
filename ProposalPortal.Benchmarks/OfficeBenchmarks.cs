using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Import;
using ProposalPortal.Features.Summary;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Issue 5's targets: a 2,000-row .xlsx assignment list previewed and imported in under 3 s, and a year's summary
/// .docx in under 500 ms (the summary's PDF is measured beside it; it has no target of its own). The import runs against its own new database file (the cached 100,000-item database is
/// only read, never written); each iteration imports a fresh list under a new session, so every row is new.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class OfficeBenchmarks
{
    public const int ImportRows = 2_000;

    private PortalFixture _importPortal = null!;
    private PortalFixture _bigPortal = null!;
    private string _importPath = null!;
    private byte[] _file = [];
    private int _run;
    private SummaryView _view = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _importPath = Path.Combine(Path.GetTempPath(), $"portal-bench-import-{Guid.NewGuid():N}.db");
        _importPortal = await PortalFixture.OpenAsync(_importPath);
        var path = BenchmarkSettings.DatabasePath;
        Console.WriteLine(await BenchmarkDatabase.EnsureAsync(path, Console.Out));
        _bigPortal = await PortalFixture.OpenAsync(path);
        _view = await _bigPortal.Services.GetRequiredService<AnnualSummaryService>().GetAsync(BenchmarkSettings.CurrentYear);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _importPortal.DisposeAsync();
        await _bigPortal.DisposeAsync();
        File.Delete(_importPath);
    }

    [IterationSetup(Target = nameof(PreviewAndImport2000Rows))]
    public void MakeList() => _file = AssignmentList2000($"市政协十届基准会议{_run++}");

    [Benchmark(Description = "Import 2,000-row .xlsx: preview + import (<3 s)")]
    public async Task<int> PreviewAndImport2000Rows()
    {
        var import = _importPortal.Services.GetRequiredService<AssignmentImportService>();
        var preview = await import.PreviewAsync("交办清单.xlsx", _file);
        if (!preview.IsClean || preview.NewRows.Count != ImportRows)
        {
            throw new InvalidOperationException("the generated list should be clean and new");
        }

        var outcome = await import.ImportAsync("交办清单.xlsx", _file, PortalFixture.Office);
        return outcome.Imported == ImportRows ? outcome.Imported : throw new InvalidOperationException(outcome.Outcome.Error);
    }

    [Benchmark(Description = "Summary .docx, 2026 of 100,000 items (10,000 that year) (<500 ms)")]
    public async Task<byte[]> SummaryDocxCurrentYear() =>
        await _bigPortal.Services.GetRequiredService<AnnualSummaryService>().DocxAsync(BenchmarkSettings.CurrentYear);

    [Benchmark(Description = "Summary .docx, 2022 of 100,000 items (<500 ms)")]
    public async Task<byte[]> SummaryDocxOlderYear() =>
        await _bigPortal.Services.GetRequiredService<AnnualSummaryService>().DocxAsync(2022);

    /// <summary>The same summary as a PDF: the same data, laid out by the typesetter with the shipped font embedded.</summary>
    [Benchmark(Description = "Summary .pdf, 2022 of 100,000 items")]
    public async Task<byte[]?> SummaryPdfOlderYear() =>
        (await _bigPortal.Services.GetRequiredService<AnnualSummaryService>().PdfAsync(2022)).Value;

    /// <summary>Only the typesetting and writing of the PDF (SummaryPdf.Write), from the data already read.</summary>
    [Benchmark(Description = "Summary .pdf writing alone (SummaryPdf.Write)")]
    public byte[] SummaryPdfWriteOnly() => _bigPortal.Services.GetRequiredService<SummaryPdf>().Write(_view, "楚雄市发展和改革局");

    /// <summary>For comparison in the same run (and under the same load): the figures alone, which the summary reads.</summary>
    [Benchmark(Description = "Statistics 2026 alone (comparison)")]
    public async Task<object> StatisticsCurrentYear() =>
        await _bigPortal.Statistics.GetYearFiguresAsync(BenchmarkSettings.CurrentYear);

    /// <summary>Only the writing of the .docx, from the data already read.</summary>
    [Benchmark(Description = "Summary .docx writing alone (SummaryDocx.Write)")]
    public byte[] SummaryDocxWriteOnly() => SummaryDocx.Write(_view, "楚雄市发展和改革局");

    /// <summary>A list as the city's office sends it: every column, mixed sources and roles, some with 办理时限.</summary>
    internal static byte[] AssignmentList2000(string session)
    {
        string[] sources = ["州人大", "州政协", "市人大", "市政协"];
        var rows = Enumerable.Range(1, ImportRows).Select(i => (IReadOnlyList<object?>)
        [
            "2026", sources[i % 4], session, i, $"关于推进第{i}项重点工作的建议", i % 3 == 0 ? "张三、李四" : "王五",
            i % 5 == 0 ? "协办" : "主办", i % 5 == 0 ? "市交通运输局" : "", i % 7 == 0 ? "市财政局" : "",
            $"2026/3/{1 + i % 28}", i % 2 == 0 ? string.Create(CultureInfo.InvariantCulture, $"2026年6月{1 + i % 28}日") : "",
            i % 50 == 0 ? "是" : "否", "建议内容。" + new string('文', 200),
        ]).ToList();
        return new XlsxWriter().Sheet("交办清单", AssignmentList.Columns, rows).ToBytes();
    }
}
