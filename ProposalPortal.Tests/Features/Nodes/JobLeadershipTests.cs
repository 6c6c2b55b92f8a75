using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProposalPortal.Features.Nodes;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Nodes;

/// <summary>
/// The scheduled jobs run on exactly one node: two lock holders over a real, private PostgreSQL; the second waits while
/// the first leads, and takes over when the first is gone.
/// </summary>
public sealed class JobLeadershipTests : IAsyncLifetime
{
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task WhenTheLeadingNodeStopsTheOtherTakesTheJobsOver()
    {
        var connectionString = _postgres.ConnectionStringFor("postgres");
        using var first = new PostgresJobLeadership(connectionString, TimeProvider.System, NullLogger<PostgresJobLeadership>.Instance);
        using var second = new PostgresJobLeadership(connectionString, TimeProvider.System, NullLogger<PostgresJobLeadership>.Instance);
        await first.StartAsync(CancellationToken.None);
        await first.WaitUntilLeaderAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        await second.StartAsync(CancellationToken.None);
        // The signal that the second node is waiting: PostgreSQL shows its advisory-lock request not granted.
        await WaitForAsync(async () => await ScalarAsync(connectionString,
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1);
        Assert.True(first.IsLeader);
        Assert.False(second.IsLeader);
        Assert.False(second.WaitUntilLeaderAsync(CancellationToken.None).IsCompleted);

        // The leading node stops (its connection closes, as when a node dies): the other runs the jobs from now on.
        await first.StopAsync(CancellationToken.None);
        first.Dispose();
        await second.WaitUntilLeaderAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(second.IsLeader);
        Assert.False(first.IsLeader);
        Assert.Equal(1, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"));
        await second.StopAsync(CancellationToken.None);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(50, patience.Token);
        }
    }
}
