using Microsoft.Data.Sqlite;

namespace ProposalPortal.Features.Administration;

/// <summary>
/// Lays the rules the Admin changed in the portal (table <c>RuleSettings</c>) over the other configuration sources,
/// so that every rule still reaches the code through its options class and <c>IOptionsMonitor</c> sees a change at
/// once (<see cref="RuleSettingsService"/> reloads the configuration after saving).
/// </summary>
public sealed class RuleSettingsConfigurationSource(string connectionString) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new RuleSettingsConfigurationProvider(connectionString);
}

internal sealed class RuleSettingsConfigurationProvider(string connectionString) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        // Read-only: configuration is read before the database is created and migrated, and must not create the file.
        var readOnly = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        try
        {
            using var connection = new SqliteConnection(readOnly);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Key\", \"Value\" FROM \"RuleSettings\"";
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
}
