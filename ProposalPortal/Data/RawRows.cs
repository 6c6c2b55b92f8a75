using System.Collections.Frozen;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ProposalPortal.Data;

/// <summary>
/// Reads the rows of one SQL query with the provider's plain data reader, for the few hot reads where materializing
/// through a LINQ projection costs more than the query itself (the year's figures over 10,000 items). The command goes
/// through EF's own pipeline, as <c>ExecuteSqlRaw</c> does: parameters are made by the provider from the <c>{0}</c>
/// placeholders, the command is logged, and it raises the same diagnostic events (the tests' command counts and plan
/// checks see it). The SQL must be provider-neutral: quoted identifiers, no engine-specific functions.
/// </summary>
public static class RawRows
{
    /// <summary>Runs <paramref name="sql"/> and calls <paramref name="read"/> once per row, on the open reader.</summary>
    public static async Task ReadAsync(this DbContext db, string sql, IReadOnlyList<object> parameters, Action<DbDataReader> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(read);
        var database = db.Database;
        var command = database.GetService<IRawSqlCommandBuilder>().Build(sql, parameters, db.Model);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(database.GetService<IRelationalConnection>(), command.ParameterValues, null, db,
                database.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery),
            cancellationToken);
        var rows = reader.DbDataReader;
        while (await rows.ReadAsync(cancellationToken))
        {
            read(rows);
        }
    }

    /// <summary>
    /// An enum stored as its name (<c>HasConversion&lt;string&gt;()</c>), read back without <see cref="Enum.Parse{TEnum}(string)"/>
    /// on every row.
    /// </summary>
    public static TEnum GetEnum<TEnum>(this DbDataReader reader, int ordinal) where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Names<TEnum>.ByName[reader.GetString(ordinal)];
    }

    /// <summary>As <see cref="GetEnum{TEnum}"/>, or null for a NULL column.</summary>
    public static TEnum? GetEnumOrNull<TEnum>(this DbDataReader reader, int ordinal) where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetEnum<TEnum>(ordinal);
    }

    /// <summary>A nullable integer column.</summary>
    public static int? GetInt32OrNull(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
    }

    /// <summary>A nullable date column (TEXT on SQLite, <c>date</c> on PostgreSQL: both providers read it as a <see cref="DateOnly"/>).</summary>
    public static DateOnly? GetDateOrNull(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);
    }

    /// <summary>The stored name of an enum value, for a constant in provider-neutral SQL (the names are identifiers, never input).</summary>
    public static string Literal<TEnum>(TEnum value) where TEnum : struct, Enum => "'" + value + "'";

    /// <summary>
    /// An enum column stored as its name, turned into the value's position in <see cref="Enum.GetValues{TEnum}"/> by the
    /// database (<c>CASE … WHEN 'Closed' THEN 11 … END</c>; NULL stays NULL), to be read with <see cref="GetEnumAt{TEnum}"/>:
    /// the reader hands back an integer instead of making a string of every row's name (the year's figures read 40,000).
    /// </summary>
    public static string EnumPosition<TEnum>(string column) where TEnum : struct, Enum =>
        "CASE " + column + string.Concat(Names<TEnum>.Values.Select((v, i) => " WHEN " + Literal(v) + " THEN " + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + " END";

    /// <summary>A column made by <see cref="EnumPosition{TEnum}"/>.</summary>
    public static TEnum GetEnumAt<TEnum>(this DbDataReader reader, int ordinal) where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Names<TEnum>.Values[reader.GetInt32(ordinal)];
    }

    /// <summary>As <see cref="GetEnumAt{TEnum}"/>, or null for a NULL column.</summary>
    public static TEnum? GetEnumAtOrNull<TEnum>(this DbDataReader reader, int ordinal) where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetEnumAt<TEnum>(ordinal);
    }

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly TEnum[] Values = Enum.GetValues<TEnum>();

        public static readonly FrozenDictionary<string, TEnum> ByName =
            Values.ToFrozenDictionary(v => v.ToString(), v => v, StringComparer.Ordinal);
    }
}
