namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// Counts the SQL commands EF Core executes inside one call (recorded by <see cref="SqlCommandRecorder"/>, through EF's
/// diagnostic events, with no change to the app's registrations). The count follows the call's async flow, so tests
/// running in parallel do not add to it.
/// </summary>
public static class SqlCommandCounter
{
    /// <summary>Runs <paramref name="action"/> and returns its result with the number of SQL commands it executed.</summary>
    public static async Task<(T Result, int Commands)> CountAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var result = default(T)!;
        var commands = await SqlCommandRecorder.RecordAsync(async () => result = await action());
        return (result, commands.Count);
    }
}
