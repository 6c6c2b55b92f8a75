using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Playwright;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Time to first content of pages of a running portal (issue 13 asks for it before and after the static pages): the
/// server's first byte over HTTP, and the first contentful paint in Debian's headless Chromium. It drives a portal by
/// its address rather than starting one, so that two builds (an old commit and the new one) are measured by the same
/// code, one after the other, on the same machine.
/// </summary>
internal static class FirstContent
{
    /// <summary>Loads per page and measure; the first two of each warm caches and JIT, and are dropped.</summary>
    private const int WarmUps = 2;

    public static async Task<int> RunAsync(TextWriter output, string baseUrl, string userName, string password, int loads, IReadOnlyList<string> paths)
    {
        output.WriteLine($"time to first content at {baseUrl} as {userName}: {loads} loads per page, the first {WarmUps} dropped; load average {LoadAverage()}");
        output.WriteLine("| page | first byte, median (min–max) | first contentful paint, median (min–max) | bytes |");
        output.WriteLine("| --- | ---: | ---: | ---: |");

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
        {
            BaseAddress = new Uri(baseUrl),
        };
        await HttpLoadUser.SignInAsync(http, userName, password);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchmarkBrowser.LaunchAsync(playwright);

        foreach (var path in paths)
        {
            var (firstBytes, size) = await FirstBytesAsync(http, path, loads);
            var paints = await PaintsAsync(browser, baseUrl, userName, password, path, loads);
            output.WriteLine($"| `{path}` | {Summary(firstBytes)} | {Summary(paints)} | {size:N0} |");
        }

        output.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>From sending the request to the first byte of the body: the server's whole work before content starts.</summary>
    private static async Task<(List<double> Times, long Size)> FirstBytesAsync(HttpClient http, string path, int loads)
    {
        var times = new List<double>();
        long size = 0;
        var buffer = new byte[1];
        for (var i = 0; i < loads; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            _ = await body.ReadAsync(buffer);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            size = 1 + await CountRestAsync(body);
            if (i >= WarmUps)
            {
                times.Add(elapsed);
            }
        }

        return (times, size);
    }

    private static async Task<long> CountRestAsync(Stream body)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>
    /// A fresh signed-in browser context per load (nothing cached from the load before), the page opened, and the
    /// paint timing's own first-contentful-paint entry, observed with buffering so an entry made before the script
    /// ran still counts.
    /// </summary>
    private static async Task<List<double>> PaintsAsync(IBrowser browser, string baseUrl, string userName, string password, string path, int loads)
    {
        var paints = new List<double>();
        for (var i = 0; i < loads; i++)
        {
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await BenchmarkBrowser.SubmitSignInAsync(page, baseUrl, userName, password);
            await page.WaitForSelectorAsync("[data-testid=current-user]");
            await page.GotoAsync(baseUrl + path);
            var paint = await page.EvaluateAsync<double>("""
                () => new Promise(resolve => new PerformanceObserver((list, observer) => {
                    const entry = list.getEntriesByName('first-contentful-paint')[0];
                    if (entry) { observer.disconnect(); resolve(entry.startTime); }
                }).observe({ type: 'paint', buffered: true }))
                """);
            if (i >= WarmUps)
            {
                paints.Add(paint);
            }
        }

        return paints;
    }

    private static string Summary(List<double> values)
    {
        values.Sort();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median:F1} ms ({values[0]:F1}–{values[^1]:F1})");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
