using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace ProposalPortal.Data;

/// <summary>
/// <c>ProposalPortal copy-data --to-provider PostgreSQL --to "&lt;connection string&gt;"</c>: moves the portal's SQLite
/// database (<c>ConnectionStrings:Portal</c>) into an empty PostgreSQL database. The target is migrated first, then
/// every table of the model is copied as stored (ids, audit hashes, signed letters' bytes), parents before children,
/// in one transaction; the identity sequences are moved past the copied ids. Afterwards the row count of every table
/// and the figures of every year are compared between the two, and the audit chains are verified on the target.
/// A target with any data in it is refused: nothing is overwritten or merged.
/// </summary>
public static class DataCopy
{
    public const string Command = "copy-data";
    public const string Usage = "copy-data --to-provider PostgreSQL --to \"Host=…;Database=…;Username=…;Password=…\"";

    /// <summary>The outcome: null when the copy and its checks succeeded, otherwise why not, in Chinese.</summary>
    public static async Task<string?> CopyAsync(string sqliteConnectionString, string postgreSqlConnectionString, TextWriter output,
        Func<Task<string?>>? compareFigures = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sqliteFile = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        if (!File.Exists(sqliteFile))
        {
            return $"找不到源数据库文件：{sqliteFile}（请检查配置项 ConnectionStrings:Portal）";
        }

        var readOnly = new SqliteConnectionStringBuilder(sqliteConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var source = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(readOnly).Options);
        if ((await source.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return "源数据库不是本版本的结构：请先用本版本的门户启动一次（完成升级），再复制。";
        }

        await using var target = (PostgreSqlPortalDbContext)PortalDatabase.Create(
            new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(postgreSqlConnectionString).Options);
        var tables = TablesInOrder(target.Model);
        if (await WhyNotEmptyAsync(target, tables, cancellationToken) is { } notEmpty)
        {
            return notEmpty;
        }

        await target.Database.MigrateAsync(cancellationToken);
        // Checked again after the migration: a portal started on the target in between would have written to it.
        if (await WhyNotEmptyAsync(target, tables, cancellationToken) is { } written)
        {
            return written;
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var from = new SqliteConnection(readOnly))
        await using (var to = new NpgsqlConnection(postgreSqlConnectionString))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            // The source as of one moment, even if a portal still writes to it (it should be stopped).
            await using var snapshot = await from.BeginTransactionAsync(cancellationToken);
            await using var transaction = await to.BeginTransactionAsync(cancellationToken);
            foreach (var table in tables)
            {
                counts[table.Name] = await CopyTableAsync(from, to, table, cancellationToken);
                await output.WriteLineAsync($"  {table.Name}：{counts[table.Name]}行");
            }

            await ResetSequencesAsync(to, tables, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Fresh statistics for the planner: without them the first queries on a million copied rows plan blind.
        await target.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);

        // The checks read both databases afresh, through the model.
        foreach (var table in tables)
        {
            var there = await CountAsync(target, table.Name, cancellationToken);
            if (there != counts[table.Name] || await CountAsync(source, table.Name, cancellationToken) != there)
            {
                return $"复制后核对不符：表 {table.Name} 源库{counts[table.Name]}行，目标库{there}行";
            }
        }

        foreach (var chain in AuditChain.Tables)
        {
            await target.Database.OpenConnectionAsync(cancellationToken);
            var verification = AuditChain.Verify(target.Database.GetDbConnection(), null, chain, cancellationToken);
            await target.Database.CloseConnectionAsync();
            if (!verification.IsIntact)
            {
                return "复制后审计记录校验未通过：" + verification.Describe();
            }

            await output.WriteLineAsync("  " + verification.Describe());
        }

        if (compareFigures is not null && await compareFigures() is { } differs)
        {
            return differs;
        }

        await output.WriteLineAsync($"已复制{tables.Count}张表，共{counts.Values.Sum()}行；各表行数、各年度统计数字一致，审计记录哈希链完整。");
        return null;
    }

    /// <summary>The model's tables, each after the tables its foreign keys point to.</summary>
    private static List<ITable> TablesInOrder(IModel model)
    {
        var all = model.GetRelationalModel().Tables.Where(t => t.Schema is null).ToList();
        var ordered = new List<ITable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < all.Count)
        {
            var ready = all.Where(t => !placed.Contains(t.Name)
                && t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || placed.Contains(fk.PrincipalTable.Name))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("外键成环，无法确定复制顺序：" + string.Join("、", all.Where(t => !placed.Contains(t.Name)).Select(t => t.Name)));
            }

            foreach (var table in ready.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                ordered.Add(table);
                placed.Add(table.Name);
            }
        }

        return ordered;
    }

    private static async Task<string?> WhyNotEmptyAsync(PortalDbContext target, List<ITable> tables, CancellationToken cancellationToken)
    {
        var existing = (await target.Database.SqlQueryRaw<string>(
            "SELECT tablename AS \"Value\" FROM pg_catalog.pg_tables WHERE schemaname = current_schema()").ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => existing.Contains(t.Name)))
        {
            if (await CountAsync(target, table.Name, cancellationToken) > 0)
            {
                return $"目标数据库不是空的（表 {table.Name} 中已有数据），复制已取消，未做任何改动。请指定一个新建的空数据库；不要先在目标库上启动门户。";
            }
        }

        var others = existing.Where(name => name != "__EFMigrationsHistory" && name != "PublicSearch" && tables.All(t => t.Name != name)).ToList();
        return others.Count > 0
            ? $"目标数据库中有不属于门户的表（{string.Join("、", others)}），复制已取消，未做任何改动。请指定一个新建的空数据库。"
            : null;
    }

    private static async Task<long> CountAsync(PortalDbContext db, string table, CancellationToken cancellationToken) =>
        // The table name comes from the model, not from input.
#pragma warning disable EF1002
        (await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").ToListAsync(cancellationToken)).Single();
#pragma warning restore EF1002

    private static async Task<long> CopyTableAsync(SqliteConnection from, NpgsqlConnection to, ITable table, CancellationToken cancellationToken)
    {
        var types = await ColumnTypesAsync(to, table.Name, cancellationToken);
        var columns = table.Columns.Select(c => c.Name).Where(types.ContainsKey).ToList();
        var list = string.Join(", ", columns.Select(c => "\"" + c + "\""));
        await using var read = from.CreateCommand();
        // Parents first within a table too (a self-reference points to an earlier row), then by key.
        read.CommandText = $"SELECT {list} FROM \"{table.Name}\" ORDER BY {string.Join(", ", table.PrimaryKey!.Columns.Select(c => "\"" + c.Name + "\""))}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var writer = await to.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await writer.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                var (dataType, dbType) = types[columns[i]];
                if (reader.IsDBNull(i))
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(Convert(reader.GetValue(i), dataType), dbType, cancellationToken);
                }
            }

            rows++;
        }

        await writer.CompleteAsync(cancellationToken);
        return rows;
    }

    /// <summary>A value as SQLite stores it (integer, real, text, blob), as the PostgreSQL column's type.</summary>
    private static object Convert(object value, string dataType) => dataType switch
    {
        "integer" => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
        "bigint" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "smallint" => System.Convert.ToInt16(value, CultureInfo.InvariantCulture),
        "boolean" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        "date" => DateOnly.Parse((string)value, CultureInfo.InvariantCulture),
        "time without time zone" => TimeOnly.Parse((string)value, CultureInfo.InvariantCulture),
        "numeric" => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        "double precision" => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        "real" => System.Convert.ToSingle(value, CultureInfo.InvariantCulture),
        "uuid" => Guid.Parse((string)value),
        "bytea" => (byte[])value,
        "text" or "character varying" or "character" => value is string s ? s : System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new InvalidOperationException($"不支持复制的列类型：{dataType}"),
    };

    private static async Task<Dictionary<string, (string DataType, NpgsqlDbType DbType)>> ColumnTypesAsync(NpgsqlConnection to, string table,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table", to);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var types = new Dictionary<string, (string, NpgsqlDbType)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var dataType = reader.GetString(1);
            types[reader.GetString(0)] = (dataType, dataType switch
            {
                "integer" => NpgsqlDbType.Integer,
                "bigint" => NpgsqlDbType.Bigint,
                "smallint" => NpgsqlDbType.Smallint,
                "boolean" => NpgsqlDbType.Boolean,
                "date" => NpgsqlDbType.Date,
                "time without time zone" => NpgsqlDbType.Time,
                "numeric" => NpgsqlDbType.Numeric,
                "double precision" => NpgsqlDbType.Double,
                "real" => NpgsqlDbType.Real,
                "uuid" => NpgsqlDbType.Uuid,
                "bytea" => NpgsqlDbType.Bytea,
                "character varying" => NpgsqlDbType.Varchar,
                "character" => NpgsqlDbType.Char,
                _ => NpgsqlDbType.Text,
            });
        }

        return types;
    }

    /// <summary>Each identity column's sequence continues after the largest copied id.</summary>
    private static async Task ResetSequencesAsync(NpgsqlConnection to, List<ITable> tables, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'", to);
        var identities = new List<(string Table, string Column)>();
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                identities.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, column) in identities.Where(i => tables.Any(t => t.Name == i.Table)))
        {
            await using var reset = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)", to);
            reset.Parameters.AddWithValue("table", "\"" + table + "\"");
            reset.Parameters.AddWithValue("column", column);
            await reset.ExecuteScalarAsync(cancellationToken);
        }
    }
}
