using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProposalPortal.Data;

/// <summary>One hash-chained table: its name, what the pages call it, and the columns the hash covers, in order.</summary>
public sealed record ChainedTable(string Name, string Label, IReadOnlyList<string> Columns);

/// <summary>Where a chain breaks: the entry's id, its position (1-based) and why, in Chinese.</summary>
public sealed record ChainBreak(long Id, long Position, string Reason);

/// <summary>The outcome of verifying one chain: how many entries were read, the hash of the last, the first break.</summary>
public sealed record ChainVerification(ChainedTable Table, long Count, string? HeadHash, ChainBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;

    public string Describe() => FirstBreak is { } b
        ? $"{Table.Label}：第{b.Position}条记录（编号{b.Id}）处链条断开，{b.Reason}"
        : $"{Table.Label}：共{Count}条记录，哈希链完整" + (HeadHash is null ? "" : $"，末条哈希值 {HeadHash}");
}

/// <summary>
/// Makes the two audit trails tamper-evident. Each entry carries <c>Hash</c> = SHA-256 over the previous entry's hash
/// and a canonical serialisation of the entry's own columns (see <see cref="Hasher"/>), in id order. Changing, removing
/// or reordering any entry breaks the chain at that entry or the one after it; <see cref="Verify"/> finds the first
/// break, reading one row at a time.
/// <para>
/// New entries are sealed by <see cref="PortalDbContext"/>'s SaveChanges in the same write transaction as their
/// insert: SQLite lets one writer in at a time, so the last hash read there cannot change before the commit and two
/// writers cannot fork the chain. Rows that arrived without a hash (entries written before this version, at the
/// upgrade) are sealed at start-up by the same code, deterministically, in id order.
/// </para>
/// <para>
/// On PostgreSQL, where writers do not queue by themselves, a BEFORE INSERT trigger computes the same hash in PL/pgSQL
/// under an advisory lock and numbers the row after taking it (Migrations/PostgreSql, AuditChainSearchAndCoveringIndexes);
/// <see cref="Verify"/> reads both engines alike (the columns come back as the same .NET types).
/// </para>
/// <para>
/// Without a secret, someone who can write the database file can rebuild the whole chain; what the chain catches is an
/// edit made with the triggers dropped or a file edited by hand. The verification page shows the last hash so it can
/// be noted down (or compared with a backup's) to catch that too.
/// </para>
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static readonly ChainedTable ItemAudit = new("AuditEntries", "办理记录",
        ["Id", "ProposalId", "At", "ActorId", "ActorName", "Action", "FromState", "ToState", "Comment"]);

    public static readonly ChainedTable AdminAudit = new("AdminAuditEntries", "管理操作记录",
        ["Id", "At", "ActorId", "ActorName", "Action", "Target", "Before", "After"]);

    public static IReadOnlyList<ChainedTable> Tables { get; } = [ItemAudit, AdminAudit];

    private const int SealBatch = 1000;

    /// <summary>
    /// Gives every entry after the last sealed one its hash. Must run inside the write transaction that inserted them
    /// (or, at start-up, one of its own), so no other writer can append between reading the last hash and the update.
    /// </summary>
    /// <returns>How many entries were sealed.</returns>
    public static long Seal(DbConnection connection, DbTransaction transaction, ChainedTable table)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        long afterId;
        string previous;
        using (var last = Command(connection, transaction, $"SELECT \"Id\", \"Hash\" FROM {Quoted(table.Name)} WHERE \"Hash\" IS NOT NULL ORDER BY \"Id\" DESC LIMIT 1"))
        using (var reader = last.ExecuteReader())
        {
            (afterId, previous) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (long.MinValue, Genesis);
        }

        using var select = Command(connection, transaction,
            $"SELECT {ColumnList(table)} FROM {Quoted(table.Name)} WHERE \"Id\" > @after ORDER BY \"Id\" LIMIT {SealBatch}");
        var after = Parameter(select, "after");
        using var update = Command(connection, transaction, $"UPDATE {Quoted(table.Name)} SET \"Hash\" = @hash WHERE \"Id\" = @id");
        var hash = Parameter(update, "hash");
        var id = Parameter(update, "id");

        long sealedCount = 0;
        var values = new object[table.Columns.Count];
        while (true)
        {
            // Read a batch, then update it: the reader is closed before the rows it read are written.
            var batch = new List<(long Id, string Hash)>(SealBatch);
            after.Value = afterId;
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    reader.GetValues(values);
                    previous = Next(table, previous, values);
                    batch.Add((reader.GetInt64(0), previous));
                }
            }

            foreach (var (rowId, rowHash) in batch)
            {
                hash.Value = rowHash;
                id.Value = rowId;
                update.ExecuteNonQuery();
            }

            sealedCount += batch.Count;
            if (batch.Count < SealBatch)
            {
                return sealedCount;
            }

            afterId = batch[^1].Id;
        }
    }

    /// <summary>
    /// Recomputes the chain from the first entry, streaming (one row in memory at a time), and names the first entry
    /// whose stored hash is missing or differs from its recomputed one.
    /// </summary>
    public static ChainVerification Verify(DbConnection connection, DbTransaction? transaction, ChainedTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        using var command = Command(connection, transaction, $"SELECT {ColumnList(table)}, \"Hash\" FROM {Quoted(table.Name)} ORDER BY \"Id\"");
        using var reader = command.ExecuteReader();
        var values = new object[table.Columns.Count];
        var hashOrdinal = table.Columns.Count;
        var previous = Genesis;
        long position = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            position++;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetValue(i);
            }

            var id = reader.GetInt64(0);
            var expected = Next(table, previous, values);
            if (reader.IsDBNull(hashOrdinal))
            {
                return new(table, position, previous == Genesis ? null : previous,
                    new(id, position, "该记录没有哈希值（不是经由本系统写入的）"));
            }

            var stored = reader.GetString(hashOrdinal);
            if (!string.Equals(stored, expected, StringComparison.Ordinal))
            {
                return new(table, position, previous == Genesis ? null : previous,
                    new(id, position, "记录内容与其哈希值不符：该记录被修改过，或其前面的记录被删除、改动"));
            }

            previous = stored;
        }

        return new(table, position, position == 0 ? null : previous, null);
    }

    /// <summary>The hash of an entry with the given column values (in <see cref="ChainedTable.Columns"/> order).</summary>
    public static string Next(ChainedTable table, string previousHash, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(values);
        // A million entries are hashed in one verification: the text and byte buffers are reused, per thread.
        var hasher = _hasher ??= new Hasher();
        return hasher.Hash(table, previousHash, values);
    }

    [ThreadStatic]
    private static Hasher? _hasher;

    /// <summary>
    /// The bytes hashed for one entry are the UTF-8 of: the table's name, the previous hash, then each column as
    /// stored, tagged with its SQLite type and length-prefixed, so no two different rows serialise alike and the form
    /// never depends on a library's formatting: <c>s&lt;bytes&gt;:&lt;text&gt;</c> for text (and the two names above),
    /// <c>i&lt;decimal&gt;;</c> for integers, <c>f&lt;round-trip&gt;;</c> for reals, <c>b&lt;bytes&gt;:&lt;hex&gt;</c>
    /// for blobs, <c>n;</c> for null.
    /// </summary>
    private sealed class Hasher
    {
        private readonly StringBuilder _text = new(1024);
        private readonly Encoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetEncoder();
        private byte[] _bytes = new byte[4096];

        public string Hash(ChainedTable table, string previousHash, IReadOnlyList<object?> values)
        {
            _text.Clear();
            Text(table.Name);
            Text(previousHash);
            foreach (var value in values)
            {
                switch (value)
                {
                    case null or DBNull:
                        _text.Append("n;");
                        break;
                    case string s:
                        Text(s);
                        break;
                    case long or int or short or byte or bool:
                        _text.Append(CultureInfo.InvariantCulture, $"i{Convert.ToInt64(value, CultureInfo.InvariantCulture)};");
                        break;
                    case double d:
                        _text.Append(CultureInfo.InvariantCulture, $"f{d:R};");
                        break;
                    case byte[] bytes:
                        _text.Append(CultureInfo.InvariantCulture, $"b{bytes.Length}:").Append(Convert.ToHexStringLower(bytes));
                        break;
                    default:
                        throw new InvalidOperationException($"审计记录中有无法识别的值类型：{value.GetType().Name}");
                }
            }

            var needed = Encoding.UTF8.GetMaxByteCount(_text.Length);
            if (_bytes.Length < needed)
            {
                _bytes = new byte[needed];
            }

            // Encoded chunk by chunk with one encoder, so a character split between two chunks is still encoded whole.
            var length = 0;
            _utf8.Reset();
            foreach (var chunk in _text.GetChunks())
            {
                length += _utf8.GetBytes(chunk.Span, _bytes.AsSpan(length), flush: false);
            }

            length += _utf8.GetBytes([], _bytes.AsSpan(length), flush: true);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(_bytes.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }

        private void Text(string value) =>
            _text.Append(CultureInfo.InvariantCulture, $"s{Encoding.UTF8.GetByteCount(value)}:").Append(value);
    }

    // Quoted: PostgreSQL folds unquoted names to lower case; SQLite accepts the quotes as they are.
    private static string Quoted(string name) => "\"" + name + "\"";

    private static string ColumnList(ChainedTable table) => string.Join(", ", table.Columns.Select(Quoted));

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
