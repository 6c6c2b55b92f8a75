using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>One value read straight from a SQLite file, bypassing the app: what the crash and backup tests check.</summary>
public static class SqliteScalar
{
    public static async Task<string> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }
}
