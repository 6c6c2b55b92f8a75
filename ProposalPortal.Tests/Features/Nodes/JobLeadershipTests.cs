using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProposalPortal.Features.Nodes;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Nodes;

/// <summary>
/// The scheduled jobs run on exactly one node: two lock holders over the real PostgreSQL server the test script starts; the second waits while
/// the first leads, and takes over when the first is gone.
/// </summary>
public sealed class JobLeadershipTests : IAsyncLifetime
{
    private string _connectionString = null!;

    // A fresh database on the PostgreSQL server the test script starts (PORTAL_TEST_POSTGRESQL).
    public async Task InitializeAsync() => _connectionString = await PostgreSqlServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await PostgreSqlServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task WhenTheLeadingNodeStopsTheOtherTakesTheJobsOver()
    {
        var connectionString = _connectionString;
        using var first = new PostgresJobLeadership(connectionString, TimeProvider.System, NullLogger<PostgresJobLeadership>.Instance);
        using var second = new PostgresJobLeadership(connectionString, TimeProvider.System, NullLogger<PostgresJobLeadership>.Instance);
        await first.StartAsync(CancellationToken.None);
        await first.WaitUntilLeaderAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        await second.StartAsync(CancellationToken.None);
        // The signal that the second node is waiting: PostgreSQL shows its advisory-lock request not granted.
        await WaitForAsync(async () => await ScalarAsync(connectionString,
            NotGranted) == 1);
        Assert.True(first.IsLeader);
        Assert.False(second.IsLeader);
        Assert.False(second.WaitUntilLeaderAsync(CancellationToken.None).IsCompleted);

        // The leading node stops (its connection closes, as when a node dies): the other runs the jobs from now on.
        await first.StopAsync(CancellationToken.None);
        first.Dispose();
        await second.WaitUntilLeaderAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(second.IsLeader);
        Assert.False(first.IsLeader);
        Assert.Equal(1, await ScalarAsync(connectionString, Granted));
        await second.StopAsync(CancellationToken.None);
    }

    // This test's database only: the server is shared with other tests, whose portals hold their own jobs' locks.
    private const string ThisDatabase = "locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    private const string NotGranted = "SELECT COUNT(*) FROM pg_locks WHERE " + ThisDatabase + " AND NOT granted";
    private const string Granted = "SELECT COUNT(*) FROM pg_locks WHERE " + ThisDatabase + " AND granted";

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
