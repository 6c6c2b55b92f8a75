using System.Data.Common;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// A database's schema as sorted lines, read from <c>sqlite_master</c>, so that two schemas can be compared: one line
/// per index, trigger and virtual table (whitespace collapsed) and one per column or constraint of a table, since a
/// column added by a later migration sits at the end of the table and EF's generated CREATE TABLE puts it elsewhere; the
/// order of columns is not part of what the app relies on. EF's migration lock table is left out (EF makes it itself).
/// </summary>
public static partial class SchemaDump
{
    public static IReadOnlyList<string> Describe(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name <> '__EFMigrationsLock'";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            var (type, name, table) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            var sql = reader.IsDBNull(3) ? null : Collapse(reader.GetString(3));
            if (type == "table" && sql is not null && sql.StartsWith("CREATE TABLE", StringComparison.Ordinal))
            {
                lines.AddRange(TableItems(sql).Select(item => $"table {name}: {item}"));
            }
            else
            {
                lines.Add(sql is null ? $"{type} {name} on {table}" : $"{type} {name} on {table}: {sql}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The committed schema of the migrations before the squash (Data/PreSquash/schema.txt).</summary>
    public static IReadOnlyList<string> PreSquash() => Resource("schema.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The SQL script of the migrations before the squash (Data/PreSquash/database.sql), history rows included.</summary>
    public static string PreSquashScript() => Resource("database.sql");

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PreSquash." + name)
            ?? throw new InvalidOperationException($"resource PreSquash.{name} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The column definitions and constraints between the outer parentheses, split at top-level commas.</summary>
    private static IEnumerable<string> TableItems(string sql)
    {
        var open = sql.IndexOf('(', StringComparison.Ordinal);
        var close = sql.LastIndexOf(')');
        yield return "CREATE TABLE " + sql[..open].Replace("CREATE TABLE", "", StringComparison.Ordinal).Trim();
        var depth = 0;
        var start = open + 1;
        for (var i = open + 1; i < close; i++)
        {
            depth += sql[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (sql[i] == ',' && depth == 0)
            {
                yield return sql[start..i].Trim();
                start = i + 1;
            }
        }

        yield return sql[start..close].Trim();
        if (sql[(close + 1)..].Trim() is { Length: > 0 } options)
        {
            yield return "table option: " + options;
        }
    }

    private static string Collapse(string sql) => Whitespace().Replace(sql, " ").Trim().TrimEnd(';');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
