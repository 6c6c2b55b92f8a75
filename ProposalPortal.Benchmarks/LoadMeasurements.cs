using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// Server time, in the server process: a middleware first in the pipeline times every request until its response is
/// complete (a streamed page included); the <c>Microsoft.AspNetCore.Components</c> meters time every circuit event
/// (<c>aspnetcore.components.handle_event.duration</c>) and component parameter update
/// (<c>aspnetcore.components.update_parameters.duration</c>: an island's first render and load), and count live
/// circuits. It is also a logger: anything the app logs as an error while the load runs is an error of the run.
/// </summary>
internal sealed partial class ServerRecorder : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _times = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentDictionary<string, int> _warnings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SqlTotals> _sql = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SqlTotals> _sqlByKind = new(StringComparer.Ordinal);
    private MeterListener? _listener;
    private IDisposable? _sqlSubscription;
    private volatile bool _on;
    private long _circuits;
    private long _maxCircuits;

    public IReadOnlyDictionary<string, ConcurrentQueue<double>> Times => _times;

    public IReadOnlyCollection<string> Errors => _errors;

    public IReadOnlyDictionary<string, int> Warnings => _warnings;

    public long MaxCircuits => Interlocked.Read(ref _maxCircuits);

    /// <summary>SQL per statement (its text's start): commands and time, the reading of the rows included.</summary>
    public IReadOnlyDictionary<string, SqlTotals> Sql => _sql;

    /// <summary>SQL per kind of request (a circuit's work under "circuit").</summary>
    public IReadOnlyDictionary<string, SqlTotals> SqlByKind => _sqlByKind;

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter>(new TimingFilter(this));
        services.AddSingleton<ILoggerProvider>(this);
        DecorateUseCases(services);
    }

    /// <summary>
    /// Every use case (the one way a step reaches an item: the item page's dialogs, the batch form, the API) timed by a
    /// decorator registered in its place: load, check, step, save and what goes out with the commit.
    /// </summary>
    private void DecorateUseCases(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType.IsGenericType && d.ImplementationType is not null
            && d.ServiceType.GetGenericTypeDefinition() == typeof(UseCase<>)).ToList())
        {
            var implementation = descriptor.ImplementationType!;
            var timed = typeof(TimedUseCase<>).MakeGenericType(descriptor.ServiceType.GetGenericArguments()[0]);
            Action<string, double, string?> record = (name, milliseconds, refusal) =>
            {
                if (_on)
                {
                    // A refusal is counted by the user who saw it (the dialog's message, the batch page's reason).
                    Add($"use case {name}{(refusal is null ? string.Empty : " (refused)")}", milliseconds);
                }
            };
            services.Remove(descriptor);
            services.Add(new ServiceDescriptor(implementation, implementation, descriptor.Lifetime));
            services.Add(new ServiceDescriptor(descriptor.ServiceType,
                sp => Activator.CreateInstance(timed, sp.GetRequiredService(implementation), record)!, descriptor.Lifetime));
        }
    }

    /// <summary>Listens to the Components meters from now on (live circuits are counted from here), recording nothing yet.</summary>
    public void Listen()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal)
                    && (instrument.Name.EndsWith(".duration", StringComparison.Ordinal) || instrument.Name == "aspnetcore.components.circuit.active"))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            var now = Interlocked.Add(ref _circuits, value);
            long max;
            while (now > (max = Interlocked.Read(ref _maxCircuits)) && Interlocked.CompareExchange(ref _maxCircuits, now, max) != max)
            {
            }
        });
        _listener.Start();
        _sqlSubscription = DiagnosticListener.AllListeners.Subscribe(new EfListeners(this));
    }

    public void Start()
    {
        _times.Clear();
        _errors.Clear();
        _warnings.Clear();
        _sql.Clear();
        _sqlByKind.Clear();
        _on = true;
    }

    public void Stop()
    {
        _on = false;
        _listener?.Dispose();
        _sqlSubscription?.Dispose();
    }

    private void OnDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!_on)
        {
            return;
        }

        // The component (type, method, the event's attribute); an error type when the handler threw.
        string? type = null, method = null, attribute = null, error = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "aspnetcore.components.type":
                    type = ShortType(tag.Value as string);
                    break;
                case "aspnetcore.components.method":
                case "code.function.name":
                    method = tag.Value as string;
                    break;
                case "aspnetcore.components.attribute.name":
                    attribute = tag.Value as string;
                    break;
                case "error.type":
                    error = tag.Value as string;
                    break;
            }
        }

        // Events, and the islands' and dialogs' parameter updates (their load); not every MudBlazor part of a page.
        var what = instrument.Name.Replace("aspnetcore.components.", string.Empty, StringComparison.Ordinal).Replace(".duration", string.Empty, StringComparison.Ordinal);
        if (what != "handle_event" && !(what == "update_parameters" && type is not null && (Islands.Contains(type) || type.EndsWith("Dialog", StringComparison.Ordinal))))
        {
            return;
        }

        var where = InRequest.Value ? "static render in a request" : "circuit";
        var kind = $"{what} {type}{(method is null ? string.Empty : "." + method)}{(attribute is null ? string.Empty : " " + attribute)} ({where})";
        Add(kind, seconds * 1000);
        if (error is not null)
        {
            _errors.Enqueue($"circuit {kind}: {error}");
        }
    }

    /// <summary>The components whose parameter updates are an island's (or the page's) load.</summary>
    private static readonly HashSet<string> Islands = new(StringComparer.Ordinal)
        { "ProposalDetail", "IslandProviders", "NoticeBell", "LiveRefresh", "SupervisionBoard" };

    /// <summary>Set by the timing middleware for the request's own work: a render in it is static (a prerender), not a circuit's.</summary>
    private static readonly AsyncLocal<bool> InRequest = new();

    /// <summary>The kind of the request whose work this is (its SQL is counted under it).</summary>
    private static readonly AsyncLocal<string?> RequestKind = new();

    /// <summary><c>Namespace.Type`1[[args]]</c> → <c>Type`1</c>; <c>Outer+Inner</c> kept.</summary>
    private static string? ShortType(string? type)
    {
        if (type is null)
        {
            return null;
        }

        var generic = type.IndexOf('[', StringComparison.Ordinal);
        var name = generic < 0 ? type : type[..generic];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    private void Add(string kind, double milliseconds) =>
        _times.GetOrAdd(kind, _ => new ConcurrentQueue<double>()).Enqueue(milliseconds);

    /// <summary>GET /proposals/{n}, with the page's own suffix: an enhanced navigation (LiveRefresh's refresh) apart.</summary>
    private static string? Kind(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        // The WebSocket feature is added later in the pipeline: the request's Upgrade header says it.
        if (path.StartsWith("/_blazor", StringComparison.Ordinal) && request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase))
        {
            return null; // the circuit's connection: open as long as the page is
        }

        if (path.StartsWith("/_framework/", StringComparison.Ordinal) || path.StartsWith("/_content/", StringComparison.Ordinal)
            || (Path.HasExtension(path) && !path.EndsWith(".xlsx", StringComparison.Ordinal)))
        {
            return "static assets";
        }

        var enhanced = request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.Ordinal);
        return $"{request.Method} {Digits().Replace(path, "{n}")}{(enhanced ? " (enhanced navigation: live refresh)" : string.Empty)}";
    }

    [GeneratedRegex("\\d+")]
    private static partial Regex Digits();

    private sealed class TimingFilter(ServerRecorder recorder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var kind = recorder._on ? Kind(context) : null;
                if (kind is null)
                {
                    await nextMiddleware(context);
                    return;
                }

                var start = Stopwatch.GetTimestamp();
                InRequest.Value = true;
                RequestKind.Value = kind;
                _ = recorder._sqlByKind.GetOrAdd(kind, _ => new SqlTotals()).AddRequest();
                try
                {
                    await nextMiddleware(context);
                }
                catch (Exception e)
                {
                    recorder._errors.Enqueue($"{kind}: {e.GetType().Name} {e.Message}");
                    throw;
                }
                finally
                {
                    var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (context.RequestAborted.IsCancellationRequested)
                    {
                        // The browser gave up on it (a refresh superseded by the next navigation): not the server's error.
                        recorder.Add(kind + " (aborted by the client)", elapsed);
                    }
                    else
                    {
                        recorder.Add(kind, elapsed);
                        if (context.Response.StatusCode >= 400)
                        {
                            recorder._errors.Enqueue($"{context.Response.StatusCode} {context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
                        }
                    }
                }
            });
            next(app);
        };
    }

    private void OnSql(System.Data.Common.DbCommand command, double milliseconds, bool countCommand)
    {
        if (!_on)
        {
            return;
        }

        var statement = Whitespace().Replace(command.CommandText, " ");
        statement = statement.Length > 160 ? statement[..160] : statement;
        var totals = _sql.GetOrAdd(statement, _ => new SqlTotals());
        totals.Add(milliseconds, countCommand);
        // One example in full, with its parameters, to explain (PORTAL_LOAD_SQL=1 prints those of the costliest).
        totals.Example ??= command.CommandText + Environment.NewLine + string.Join(", ",
            command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => $"{p.ParameterName}={p.Value}"));
        _sqlByKind.GetOrAdd(RequestKind.Value ?? "circuit", _ => new SqlTotals()).Add(milliseconds, countCommand);
    }

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    /// <summary>EF Core's diagnostic events: each command's execution, and each reader's reading of its rows.</summary>
    private sealed class EfListeners(ServerRecorder recorder) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed)
            {
                recorder.OnSql(executed.Command, executed.Duration.TotalMilliseconds, countCommand: true);
            }
            else if (value.Key == RelationalEventId.DataReaderDisposing.Name && value.Value is DataReaderDisposingEventData reading)
            {
                recorder.OnSql(reading.Command, reading.Duration.TotalMilliseconds, countCommand: false);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recording(this, categoryName);

    public void Dispose()
    {
        // The app's host disposes its providers; this one holds nothing.
    }

    private sealed class Recording(ServerRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!recorder._on || logLevel < LogLevel.Warning)
            {
                return;
            }

            var message = formatter(state, exception);
            if (logLevel >= LogLevel.Error)
            {
                recorder._errors.Enqueue($"logged {logLevel} {category}: {message}{(exception is null ? string.Empty : " — " + exception.GetType().Name + ": " + exception.Message)}");
            }
            else
            {
                var first = message.Length > 120 ? message[..120] : message;
                recorder._warnings.AddOrUpdate($"{category}: {first}", 1, (_, n) => n + 1);
            }
        }
    }
}

/// <summary>Commands and their time (execution and reading), and the requests they served.</summary>
internal sealed class SqlTotals
{
    private long _commands;
    private long _microseconds;
    private long _requests;

    public long Commands => Interlocked.Read(ref _commands);

    public double Milliseconds => Interlocked.Read(ref _microseconds) / 1000.0;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The first command of this statement in full, with its parameters' values.</summary>
    public string? Example { get; set; }

    public void Add(double milliseconds, bool countCommand)
    {
        if (countCommand)
        {
            Interlocked.Increment(ref _commands);
        }

        Interlocked.Add(ref _microseconds, (long)(milliseconds * 1000));
    }

    public long AddRequest() => Interlocked.Increment(ref _requests);
}

/// <summary>What the users saw: their own timings per action (server time plus the way there and back) and errors.</summary>
internal sealed class ClientStats
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _times = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();

    public void Add(string kind, double milliseconds) => _times.GetOrAdd(kind, _ => new ConcurrentQueue<double>()).Enqueue(milliseconds);

    public void Error(string error) => _errors.Enqueue(error);

    public void Clear()
    {
        _times.Clear();
        _errors.Clear();
    }

    public ClientStatsSnapshot Snapshot() =>
        new(_times.ToDictionary(t => t.Key, t => t.Value.ToList(), StringComparer.Ordinal), [.. _errors]);
}

/// <param name="CpuSeconds">The users' own process's CPU, when they run in one of their own.</param>
internal sealed record ClientStatsSnapshot(Dictionary<string, List<double>> Times, List<string> Errors, double? CpuSeconds = null);

internal static class LoadReport
{
    /// <summary>Server time per action kind against this target (issue 17: p95 ≤ 100 ms).</summary>
    private const double TargetP95 = 100;

    /// <summary>
    /// Prints the server's times per kind, the actions' verdict, the users' own times, errors, CPU and memory; true when
    /// the run failed (an error, or an action's p95 over the target).
    /// </summary>
    public static bool Print(ServerRecorder server, ClientStatsSnapshot circuits, ClientStatsSnapshot? http, ResourceFigures resources, string circuitKind = "Chromium")
    {
        var over = new List<string>();
        Console.WriteLine();
        Console.WriteLine("server time per kind (ms; requests: the timing middleware, circuit work: the Components meters)");
        Console.WriteLine($"  {"kind",-78} {"count",7} {"median",8} {"p95",8} {"p99",8} {"max",8}");
        foreach (var (kind, queue) in server.Times.OrderByDescending(t => IsAction(t.Key)).ThenByDescending(t => t.Value.Count))
        {
            var values = queue.ToList();
            var p95 = BoardFanout.Percentile(values, 95);
            var action = IsAction(kind);
            if (action && p95 > TargetP95)
            {
                over.Add(kind);
            }

            Console.WriteLine(Row((action ? "* " : "  ") + kind, values));
        }

        Console.WriteLine("  (* an action of the mix: p95 ≤ 100 ms is the target)");
        Console.WriteLine($"  live circuits at most: {server.MaxCircuits}");
        Console.WriteLine();
        Console.WriteLine("SQL per kind of request (EF Core's commands; a circuit's under \"circuit\")");
        foreach (var (kind, totals) in server.SqlByKind.Where(k => k.Value.Commands > 0).OrderByDescending(k => k.Value.Milliseconds).Take(12))
        {
            var perRequest = totals.Requests > 0
                ? string.Create(CultureInfo.InvariantCulture, $"  = {totals.Commands / (double)totals.Requests,5:0.0} commands, {totals.Milliseconds / totals.Requests,6:0.0} ms a request")
                : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-70} {totals.Commands,7} commands {totals.Milliseconds,9:0} ms{perRequest}"));
        }

        Console.WriteLine("SQL statements by total time (the first 10)");
        foreach (var (sql, totals) in server.Sql.OrderByDescending(k => k.Value.Milliseconds).Take(10))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {totals.Milliseconds,8:0} ms {totals.Commands,6} × {totals.Milliseconds / Math.Max(1, totals.Commands),6:0.0} ms  {sql}"));
        }

        if (Environment.GetEnvironmentVariable("PORTAL_LOAD_SQL") == "1")
        {
            foreach (var (_, totals) in server.Sql.OrderByDescending(k => k.Value.Milliseconds).Take(5))
            {
                Console.WriteLine("--- " + totals.Example);
            }
        }
        PrintClient(circuitKind == "Chromium" ? "users' own times in Chromium (server time + the browser: page load, render, script)"
            : $"{circuitKind} users' own times (server time + the network and the client; no browser rendering)", circuits);
        if (http is null)
        {
            Console.WriteLine("the HTTP users' process gave no result");
        }
        else
        {
            PrintClient("users' own times over HTTP", http);
        }

        var errors = server.Errors.Concat(circuits.Errors).Concat(http?.Errors ?? []).ToList();
        Console.WriteLine();
        Console.WriteLine($"errors: {errors.Count} (server {server.Errors.Count}, {circuitKind} users {circuits.Errors.Count}, HTTP users {http?.Errors.Count.ToString(CultureInfo.InvariantCulture) ?? "?"})");
        foreach (var error in errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(30))
        {
            Console.WriteLine($"  {error.Count(),5} × {error.Key}");
        }

        if (server.Warnings.Count > 0)
        {
            Console.WriteLine("warnings logged by the app (not counted as errors):");
            foreach (var (warning, count) in server.Warnings.OrderByDescending(w => w.Value).Take(10))
            {
                Console.WriteLine($"  {count,5} × {warning}");
            }
        }

        var seconds = resources.Wall.TotalSeconds;
        var samples = resources.Samples;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server process CPU: {resources.Cpu.TotalSeconds:0.0} s in {seconds:0} s = {resources.Cpu.TotalSeconds / seconds / resources.Cores * 100:0} % of {resources.Cores} cores " +
            $"(the Playwright client's few calls included); the harness's processes ({(circuitKind == "Chromium" ? "Chromium, Playwright's driver" : $"the circuit clients: {circuits.CpuSeconds:0.0} s")}, the HTTP users: {http?.CpuSeconds:0.0} s) " +
            $"{resources.ChildrenCpu.TotalSeconds:0.0} s = {resources.ChildrenCpu.TotalSeconds / seconds / resources.Cores * 100:0} %; whole machine busy {resources.MachineBusy * 100:0} %"));
        if (samples.Count > 0)
        {
            static double Mb(long bytes) => bytes / 1048576.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server working set: start {Mb(samples[0].WorkingSet):0} MB, mean {Mb((long)samples.Average(s => s.WorkingSet)):0} MB, max {Mb(samples.Max(s => s.WorkingSet)):0} MB, end {Mb(samples[^1].WorkingSet):0} MB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server GC heap: start {Mb(samples[0].Heap):0} MB, mean {Mb((long)samples.Average(s => s.Heap)):0} MB, max {Mb(samples.Max(s => s.Heap)):0} MB, end {Mb(samples[^1].Heap):0} MB; " +
                $"gen-2 collections {resources.Gen2Collections}, GC pauses {resources.GcPause.TotalMilliseconds:0} ms"));
            var perTen = samples.Where((_, i) => i % 10 == 0).Zip(samples.Where((_, i) => i % 10 == 0).Skip(1),
                (a, b) => string.Create(CultureInfo.InvariantCulture, $"{(b.CpuMs - a.CpuMs) / ((b.Seconds - a.Seconds) * 10 * resources.Cores):0}"));
            Console.WriteLine("server CPU per 10 s (% of all cores): " + string.Join(' ', perTen));
        }

        Console.WriteLine();
        Console.WriteLine(over.Count == 0 && errors.Count == 0
            ? "verdict: every action's p95 ≤ 100 ms of server time, no errors"
            : $"verdict: {over.Count} action kinds over 100 ms at p95{(over.Count > 0 ? " (" + string.Join("; ", over) + ")" : string.Empty)}, {errors.Count} errors");
        return over.Count > 0 || errors.Count > 0;
    }

    /// <summary>
    /// The actions of the mix as the server sees them: the list, the item page, 我的待办 and the batch form's post (its
    /// step included); the item island's load in its circuit; every step's use case, whichever way it came. Not
    /// actions: static assets, sign-in, Blazor's negotiation, and the circuit's click events, whose handlers await the
    /// dialog they open (ActionBar's click lasts as long as the user types; the metric's tags do not tell it from 提交's).
    /// </summary>
    private static bool IsAction(string kind) =>
        !kind.Contains("(aborted by the client)", StringComparison.Ordinal)
        && (kind.StartsWith("GET /proposals", StringComparison.Ordinal)
            || kind.StartsWith("GET /my-work", StringComparison.Ordinal)
            || kind.StartsWith("POST /proposals/batch", StringComparison.Ordinal)
            || kind == "update_parameters ProposalDetail (circuit)"
            || kind.StartsWith("use case ", StringComparison.Ordinal));

    private static void PrintClient(string title, ClientStatsSnapshot stats)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        foreach (var (kind, values) in stats.Times.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(Row("  " + kind, values));
        }
    }

    private static string Row(string kind, List<double> values) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{kind,-80} {values.Count,7} {BoardFanout.Percentile(values, 50),8:0.0} {BoardFanout.Percentile(values, 95),8:0.0} {BoardFanout.Percentile(values, 99),8:0.0} {values.DefaultIfEmpty().Max(),8:0.0}");
}

/// <summary>A use case timed: the handler it stands in for, run as it would be, and its time and outcome recorded.</summary>
/// <remarks>Public, with a delegate, so that the container's activator can build it for the handlers' internal types.</remarks>
public sealed class TimedUseCase<TCommand>(UseCase<TCommand> inner, Action<string, double, string?> record) : UseCase<TCommand>
    where TCommand : ICommand
{
    public override async Task<Result> HandleAsync(TCommand command, Actor actor, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.HandleAsync(command, actor, cancellationToken);
        record(typeof(TCommand).Name, Stopwatch.GetElapsedTime(start).TotalMilliseconds, result.IsOk ? null : result.Error);
        return result;
    }
}
