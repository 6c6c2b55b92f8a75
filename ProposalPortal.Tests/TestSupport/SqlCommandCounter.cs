using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// Counts the SQL commands EF Core executes inside one call, through EF's diagnostic events (no change to the app's
/// registrations). The count follows the call's async flow, so tests running in parallel do not add to it.
/// </summary>
public static class SqlCommandCounter
{
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();
    private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(new Listeners());

    /// <summary>Runs <paramref name="action"/> and returns its result with the number of SQL commands it executed.</summary>
    public static async Task<(T Result, int Commands)> CountAsync<T>(Func<Task<T>> action)
    {
        GC.KeepAlive(Subscription);
        var counter = new StrongBox<int>();
        Current.Value = counter;
        try
        {
            var result = await action();
            return (result, counter.Value);
        }
        finally
        {
            Current.Value = null;
        }
    }

    private sealed class Listeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Events());
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }

    private sealed class Events : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && Current.Value is { } counter)
            {
                Interlocked.Increment(ref counter.Value);
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}
