using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>One SQL command EF executed: its text and parameter values, to be explained afterwards.</summary>
public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>
/// Records the SQL commands EF Core executes inside one call, through EF's diagnostic events (the record follows the
/// call's async flow, so tests running in parallel do not add to it); and asks SQLite how it runs them
/// (<c>EXPLAIN QUERY PLAN</c>), so that a test can assert that a query is answered from an index rather than by reading
/// the whole table. <see cref="SqlCommandCounter"/> counts with it.
/// </summary>
public static class SqlCommandRecorder
{
    private static readonly AsyncLocal<ConcurrentQueue<RecordedCommand>?> Current = new();
    private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(new Listeners());

    /// <summary>Runs <paramref name="action"/> and returns the commands it executed, in order.</summary>
    public static async Task<IReadOnlyList<RecordedCommand>> RecordAsync(Func<Task> action)
    {
        GC.KeepAlive(Subscription);
        var commands = new ConcurrentQueue<RecordedCommand>();
        Current.Value = commands;
        try
        {
            await action();
            return [.. commands];
        }
        finally
        {
            Current.Value = null;
        }
    }

    /// <summary>
    /// Records every command run on the SQLite file <paramref name="databasePath"/>, whatever flow runs it (a request,
    /// a circuit), until the returned recording is disposed: for what one test app does across its requests and circuits.
    /// </summary>
    public static DatabaseRecording RecordDatabase(string databasePath)
    {
        GC.KeepAlive(Subscription);
        var recording = new DatabaseRecording(databasePath);
        Databases[databasePath] = recording;
        return recording;
    }

    private static readonly ConcurrentDictionary<string, DatabaseRecording> Databases = new(StringComparer.Ordinal);

    /// <summary>The commands run on one database file since <see cref="RecordDatabase"/>.</summary>
    public sealed class DatabaseRecording(string databasePath) : IDisposable
    {
        internal ConcurrentQueue<RecordedCommand> Queue { get; } = new();

        public IReadOnlyList<RecordedCommand> Commands => [.. Queue];

        public void Dispose() => Databases.TryRemove(databasePath, out _);
    }

    /// <summary>SQLite's plan of <paramref name="command"/>, one line per step (the "detail" column).</summary>
    public static async Task<IReadOnlyList<string>> ExplainAsync(DbContext db, RecordedCommand command)
    {
        await db.Database.OpenConnectionAsync();
        await using var explain = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var (name, value) in command.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
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
            if (value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData data)
            {
                return;
            }

            var database = data.Command.Connection?.DataSource is { } source && Databases.TryGetValue(source, out var found) ? found : null;
            if (Current.Value is null && database is null)
            {
                return;
            }

            var command = new RecordedCommand(data.Command.CommandText,
                [.. data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]);
            Current.Value?.Enqueue(command);
            database?.Queue.Enqueue(command);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}
