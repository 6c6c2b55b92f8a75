using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// A key item's 签发 as the director does it in a browser (issue 17): the real app on Kestrel with the demo data,
/// Chromium signed in as 杨一, the demo's key item awaiting sign-off; the time from the click on 确定 to the page showing
/// 已答复, with a timeline of what the server logged in between (every SQL command with its duration, and the portal's
/// own log lines), so the cost can be placed. <c>-- --signoff</c>.
/// </summary>
public static class SignOffTiming
{
    public static async Task<int> RunAsync(TextWriter output, bool warm)
    {
        var folder = Path.Combine(Path.GetTempPath(), "proposalportal-signoff", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var log = new RecordingLoggerProvider();
        await using var app = new WebApplicationFactory<PortalDbContext>()
           .WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Public:BaseUrl", "https://jyta.example.gov.cn");
            b.UseStaticWebAssets();
            b.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(folder, "portal.db")}");
            b.UseSetting("Demo:Enabled", "true");
            b.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
            b.ConfigureLogging(l => l.AddProvider(log));
        });
        app.UseKestrel(0);
        app.StartServer();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

        int id;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            id = await db.Proposals.Where(p => p.State == ProposalState.AwaitingSignOff && p.IsKey).Select(p => p.Id).FirstAsync();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchmarkBrowser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BenchmarkBrowser.SubmitSignInAsync(page, url, "yangyi", "Demo@2022");
        await page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

        // Every circuit frame and every HTTP request the browser makes, timed: a reload or a download would show here.
        var frames = new ConcurrentQueue<(DateTimeOffset At, string What)>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            frames.Enqueue((DateTimeOffset.UtcNow, $"frame {frame.Binary?.Length ?? frame.Text?.Length ?? 0} bytes"));
        page.Request += (_, request) => frames.Enqueue((DateTimeOffset.UtcNow, $"request {request.Method} {request.Url}"));
        await page.GotoAsync($"{url}/proposals/{id}");
        await page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.Locator("[data-testid=actions] button[data-step=SignOff]").ClickAsync();
        var submit = page.Locator("[data-testid=step-submit]");
        await submit.WaitForAsync(new() { Timeout = 60_000 });
        await Task.Delay(500); // let the dialog's own rendering settle before the clock starts

        if (warm)
        {
            // What a process that has rendered and signed a letter before no longer pays: the fonts, the certificate, the code.
            using var scope = app.Services.CreateScope();
            Domain.Workflow.Actor director;
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            {
                director = Domain.Workflow.Actor.For(await db.Staff.SingleAsync(s => s.Name == "杨一"), []);
            }

            var letters = scope.ServiceProvider.GetRequiredService<ProposalPortal.Features.Letters.ReplyLetterService>();
            var warmStart = Stopwatch.GetTimestamp();
            await letters.PreviewAsync(id, director);
            output.WriteLine($"warm-up: the letter's preview rendered in {Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds:0} ms");
            warmStart = Stopwatch.GetTimestamp();
            _ = scope.ServiceProvider.GetRequiredService<ProposalPortal.Features.Letters.LetterSigner>().Certificate;
            output.WriteLine($"warm-up: the signing certificate loaded in {Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds:0} ms");
        }

        log.Clear();
        frames.Clear();
        var start = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        await submit.ClickAsync();
        await page.GetByTestId("proposal-state").Filter(new() { HasText = "已答复" }).WaitForAsync(new() { Timeout = 60_000 });
        var elapsed = Stopwatch.GetElapsedTime(start);

        output.WriteLine($"key item {id}: click on 确定 → 已答复 shown: {elapsed.TotalMilliseconds:0} ms");
        output.WriteLine("server log between (ms after the click, category, message):");
        foreach (var (at, category, message) in log.Entries)
        {
            output.WriteLine($"  {(at - startedAt).TotalMilliseconds,7:0}  {category}  {Shorten(message)}");
        }

        output.WriteLine("what the browser received and requested (ms after the click):");
        foreach (var (at, what) in frames)
        {
            output.WriteLine($"  {(at - startedAt).TotalMilliseconds,7:0}  {Shorten(what)}");
        }

        await context.CloseAsync();
        SqliteConnection.ClearAllPools();
        return 0;
    }

    private static string Shorten(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length > 220 ? line[..220] + "…" : line;
    }

    /// <summary>Keeps every log line with its time, for the timeline.</summary>
    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(DateTimeOffset At, string Category, string Message)> _entries = new();

        public IEnumerable<(DateTimeOffset At, string Category, string Message)> Entries => _entries.OrderBy(e => e.At);

        public void Clear() => _entries.Clear();

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

        public void Dispose() { }

        private sealed class Recorder(string category, ConcurrentQueue<(DateTimeOffset, string, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((DateTimeOffset.UtcNow, category, formatter(state, exception)));
        }
    }
}
