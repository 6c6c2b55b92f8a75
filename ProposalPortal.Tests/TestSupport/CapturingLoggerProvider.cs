using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>One log entry as the app wrote it.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>
/// Keeps what the app logs, so that a test can assert that nothing was logged as an error, and wait for a given entry
/// (<see cref="WaitForAsync"/>) instead of sleeping. Which levels arrive is up to the logging filters of the host.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private readonly List<(Func<CapturedLog, bool> Match, TaskCompletionSource<CapturedLog> Seen)> _waiters = [];

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The first entry, already logged or still to come, that <paramref name="match"/> accepts.</summary>
    public Task<CapturedLog> WaitForAsync(Func<CapturedLog, bool> match)
    {
        var seen = new TaskCompletionSource<CapturedLog>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((match, seen));
        }

        if (_entries.FirstOrDefault(match) is { } earlier)
        {
            seen.TrySetResult(earlier);
        }

        return seen.Task;
    }

    private void Add(CapturedLog entry)
    {
        _entries.Enqueue(entry);
        lock (_waiters)
        {
            foreach (var (match, seen) in _waiters.Where(w => w.Match(entry)))
            {
                seen.TrySetResult(entry);
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            owner.Add(new CapturedLog(logLevel, category, formatter(state, exception), exception));
        }
    }
}
