using Microsoft.Data.Sqlite;
using Npgsql;
using ProposalPortal.Data;

namespace ProposalPortal.Features.Administration;

/// <summary>
/// Lays the rules the Admin changed in the portal (table <c>RuleSettings</c>) over the other configuration sources,
/// so that every rule still reaches the code through its options class and <c>IOptionsMonitor</c> sees a change at
/// once (<see cref="RuleSettingsService"/> reloads the configuration after saving).
/// </summary>
public sealed class RuleSettingsConfigurationSource(string connectionString, DatabaseProvider provider = DatabaseProvider.Sqlite) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new RuleSettingsConfigurationProvider(connectionString, provider);
}

internal sealed class RuleSettingsConfigurationProvider(string connectionString, DatabaseProvider provider) : ConfigurationProvider
{
    private const string Select = "SELECT \"Key\", \"Value\" FROM \"RuleSettings\"";

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (provider == DatabaseProvider.PostgreSQL)
        {
            LoadPostgreSql(data);
            Data = data;
            return;
        }

        // Read-only: configuration is read before the database is created and migrated, and must not create the file.
        var readOnly = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        try
        {
            using var connection = new SqliteConnection(readOnly);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Select;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                data[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (SqliteException)
        {
            // No database or no table yet (first start, before migrations): nothing has been changed in the portal.
        }

        Data = data;
    }

    private void LoadPostgreSql(Dictionary<string, string?> data)
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand(Select, connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                data[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable)
        {
            // An empty database (first start, before migrations): nothing has been changed in the portal. A server
            // that cannot be reached is not swallowed: the portal could not run on it anyway, and says why.
        }
    }
}
