using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain;
using ProposalPortal.Features.Common;

namespace ProposalPortal.Features.Backup;

/// <summary>What a backup holds, written into it as manifest.json: checked entry by entry before a restore.</summary>
public sealed record BackupManifest(int Format, string Version, DateTimeOffset CreatedAt, BackupCounts Counts, IReadOnlyList<BackupEntry> Entries);

/// <summary>The counts of the database copy, so that a restore can be compared with what was backed up.</summary>
public sealed record BackupCounts(int Items, int Letters, int Attachments, int AuditEntries);

/// <summary>One file of the archive: its path inside it, its length and its SHA-256 (lower-case hex).</summary>
public sealed record BackupEntry(string Path, long Bytes, string Sha256);

/// <summary>
/// One backup: the archive it went to, and its manifest when it was made, or in <paramref name="Outcome"/> why there
/// is none (in Chinese). The file is kept either way: the administrator's page names the backup that failed.
/// </summary>
public sealed record BackupResult(string File, long Bytes, BackupManifest? Manifest, Result Outcome);

/// <summary>
/// <c>backup</c> and <c>restore</c>: one zip archive with a consistent online copy of the database (SQLite's backup
/// API, never a copy of the file: in WAL mode the file alone misses what is still in the -wal file), the attachments,
/// the data-protection keys and the signing folder, with a manifest of counts and SHA-256 hashes. Signed letters are
/// rows of the database, so they travel with it.
/// </summary>
public sealed class BackupService(
    DataLocations locations,
    IOptions<BackupOptions> options,
    PortalClock clock,
    BackupStatusStore status,
    IBackupEvents events,
    ILogger<BackupService> logger)
{
    public const string ManifestName = "manifest.json";
    public const string DatabaseEntry = "database/portal.db";

    /// <summary>What backup and restore answer when the data is on PostgreSQL.</summary>
    public const string PostgreSqlRefusal = "数据库为 PostgreSQL：门户的备份只适用于 SQLite。请用 pg_dump（或数据库管理员的备份方案）备份数据库，并另行备份附件、密钥和签章文件夹。";
    private const string AttachmentsPrefix = "attachments/";
    private const string KeysPrefix = "keys/";
    private const string SigningPrefix = "signing/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // One backup at a time in this process: the nightly one and the administrator's button must not write together.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The nightly backups' folder, resolved: configured, else <c>backups</c> beside the database.</summary>
    public string Folder => FolderFor(options.Value, locations);

    internal static string FolderFor(BackupOptions options, DataLocations locations) => string.IsNullOrWhiteSpace(options.Folder)
        ? Path.Combine(Path.GetDirectoryName(locations.DatabaseFile)!, "backups")
        : Path.GetFullPath(options.Folder);

    /// <summary>A backup into the backup folder, named by the local time; older ones beyond <c>Backup:Keep</c> are removed.</summary>
    public async Task<BackupResult> CreateInFolderAsync(string by, CancellationToken cancellationToken = default)
    {
        var name = $"portal-{clock.LocalNow:yyyyMMdd-HHmmss}.zip";
        var result = await CreateAsync(Path.Combine(Folder, name), by, cancellationToken);
        if (result.Outcome.IsOk)
        {
            Prune();
        }

        return result;
    }

    /// <summary>
    /// Writes the archive to <paramref name="file"/> while the portal keeps running. The database is copied first, then
    /// the files: an attachment is written before its row is committed, so every row in the copy finds its file.
    /// </summary>
    public async Task<BackupResult> CreateAsync(string file, string by, CancellationToken cancellationToken = default)
    {
        file = Path.GetFullPath(file);
        if (locations.Provider == Data.DatabaseProvider.PostgreSQL)
        {
            // The archive holds a SQLite file made with SQLite's online backup; a PostgreSQL server is backed up with
            // its own tools, which also keep the write-ahead log a point-in-time restore needs.
            return new BackupResult(file, 0, null, Result.Refused(PostgreSqlRefusal));
        }

        await OneAtATime.WaitAsync(cancellationToken);
        var work = Path.Combine(Path.GetTempPath(), "proposalportal-backup-" + Guid.NewGuid().ToString("N"));
        var partial = file + ".partial";
        BackupResult result;
        try
        {
            Directory.CreateDirectory(work);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var copy = Path.Combine(work, "portal.db");
            var counts = CopyDatabase(copy);
            var entries = new List<BackupEntry>();
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                entries.Add(await AddAsync(zip, DatabaseEntry, copy, cancellationToken));
                foreach (var (prefix, folder) in Folders())
                {
                    foreach (var path in FilesUnder(folder))
                    {
                        entries.Add(await AddAsync(zip, prefix + Path.GetRelativePath(folder, path).Replace('\\', '/'), path, cancellationToken));
                    }
                }

                var manifest = new BackupManifest(1, Version, clock.Now, counts, entries);
                var manifestEntry = zip.CreateEntry(ManifestName, CompressionLevel.Optimal);
                using (var writer = manifestEntry.Open())
                {
                    await JsonSerializer.SerializeAsync(writer, manifest, Json, cancellationToken);
                }

                result = new BackupResult(file, 0, manifest, Result.Ok);
            }

            // Only a complete archive takes the final name: a backup cut short never looks like a good one.
            File.Move(partial, file, overwrite: true);
            result = result with { Bytes = new FileInfo(file).Length };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong, the administrator's page must show that the last backup failed and why.
            logger.LogError(e, "Backup to {File} failed", file);
            result = new BackupResult(file, 0, null, Result.Refused($"备份失败：{e.Message}"));
        }
        finally
        {
            // Moved away when complete; otherwise (failed or cancelled) never left looking like a backup.
            TryDelete(partial);
            TryDeleteFolder(work);
            OneAtATime.Release();
        }

        status.Record(Folder, result, clock.Now);
        await events.RecordAsync(new BackupEvent("备份", by, file, result.Bytes, result.Outcome.IsOk, result.Outcome.Error, clock.Now), CancellationToken.None);
        return result;
    }

    /// <summary>
    /// Puts a backup back into the configured locations: the database of <c>ConnectionStrings:Portal</c>, the
    /// attachments, the keys and the signing folder. Every entry is checked against the manifest before anything is
    /// written, so a damaged archive changes nothing. An existing database is replaced only with
    /// <paramref name="force"/>, and then kept beside it as <c>.before-restore-…</c>. Stop the portal first.
    /// Returns the refusal in Chinese, or null.
    /// </summary>
    public async Task<string?> RestoreAsync(string file, bool force, string by, CancellationToken cancellationToken = default)
    {
        var refusal = await RestoreCoreAsync(Path.GetFullPath(file), force, cancellationToken);
        await events.RecordAsync(new BackupEvent("恢复", by, Path.GetFullPath(file), File.Exists(file) ? new FileInfo(file).Length : 0,
            refusal is null, refusal, clock.Now), CancellationToken.None);
        return refusal;
    }

    private async Task<string?> RestoreCoreAsync(string file, bool force, CancellationToken cancellationToken)
    {
        if (locations.Provider == Data.DatabaseProvider.PostgreSQL)
        {
            return PostgreSqlRefusal;
        }

        if (!File.Exists(file))
        {
            return $"找不到备份文件：{file}";
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(File.OpenRead(file), ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException)
        {
            return "该文件不是有效的备份文件（无法作为zip打开），未恢复任何内容";
        }

        using (zip)
        {
            var (manifest, damaged) = await VerifyAsync(zip, cancellationToken);
            if (damaged is not null)
            {
                return damaged;
            }

            var database = locations.DatabaseFile;
            if (File.Exists(database) && new FileInfo(database).Length > 0 && !force)
            {
                return $"数据库文件 {database} 已存在，恢复会覆盖其中的数据。确需覆盖时，请先停止门户，再加 --force 重新运行";
            }

            Directory.CreateDirectory(Path.GetDirectoryName(database)!);
            var incoming = database + ".restoring";
            await ExtractAsync(zip.GetEntry(DatabaseEntry)!, incoming, cancellationToken);
            if (File.Exists(database))
            {
                KeepAside(database);
            }

            // A -wal file left from any earlier database would be replayed into this one.
            TryDelete(database + "-wal");
            TryDelete(database + "-shm");
            File.Move(incoming, database);
            foreach (var entry in manifest!.Entries.Where(e => e.Path != DatabaseEntry))
            {
                var target = TargetOf(entry.Path);
                if (target is not null)
                {
                    await ExtractAsync(zip.GetEntry(entry.Path)!, target, cancellationToken);
                }
            }

            SqliteConnection.ClearAllPools();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Restored {File} ({Items} items) into {Database}", file, manifest.Counts.Items, database);
            }

            return null;
        }
    }

    /// <summary>Reads the manifest and checks every entry's length and hash; the refusal in Chinese, or null.</summary>
    public static async Task<(BackupManifest? Manifest, string? Damaged)> VerifyAsync(ZipArchive zip, CancellationToken cancellationToken = default)
    {
        const string Damaged = "备份文件已损坏或被改动";
        BackupManifest? manifest;
        try
        {
            var manifestEntry = zip.GetEntry(ManifestName);
            if (manifestEntry is null)
            {
                return (null, $"{Damaged}：缺少清单 {ManifestName}，未恢复任何内容");
            }

            using var stream = manifestEntry.Open();
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return (null, $"{Damaged}：清单 {ManifestName} 无法读取，未恢复任何内容");
        }

        if (manifest?.Entries is null || manifest.Entries.All(e => e.Path != DatabaseEntry))
        {
            return (null, $"{Damaged}：清单中没有数据库，未恢复任何内容");
        }

        var listed = manifest.Entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        if (zip.Entries.FirstOrDefault(e => e.FullName != ManifestName && !listed.Contains(e.FullName)) is { } extra)
        {
            return (null, $"{Damaged}：{extra.FullName} 不在清单中，未恢复任何内容");
        }

        foreach (var expected in manifest.Entries)
        {
            if (TargetPrefixOf(expected.Path) is null || expected.Path.Contains("..", StringComparison.Ordinal))
            {
                return (null, $"{Damaged}：清单中的路径 {expected.Path} 不合规，未恢复任何内容");
            }

            var entry = zip.GetEntry(expected.Path);
            if (entry is null)
            {
                return (null, $"{Damaged}：缺少 {expected.Path}，未恢复任何内容");
            }

            try
            {
                using var stream = entry.Open();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                long length = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    length += read;
                }

                if (length != expected.Bytes || Convert.ToHexStringLower(hash.GetHashAndReset()) != expected.Sha256)
                {
                    return (null, $"{Damaged}：{expected.Path} 的校验值与清单不符，未恢复任何内容");
                }
            }
            catch (InvalidDataException)
            {
                return (null, $"{Damaged}：{expected.Path} 无法解压，未恢复任何内容");
            }
        }

        return (manifest, null);
    }

    private static string Version =>
        typeof(BackupService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private IEnumerable<(string Prefix, string Folder)> Folders() =>
    [
        (AttachmentsPrefix, locations.AttachmentsFolder),
        (KeysPrefix, locations.KeysFolder),
        (SigningPrefix, locations.SigningFolder),
    ];

    private static string? TargetPrefixOf(string path) =>
        path == DatabaseEntry ? DatabaseEntry
        : new[] { AttachmentsPrefix, KeysPrefix, SigningPrefix }.FirstOrDefault(p => path.StartsWith(p, StringComparison.Ordinal) && path.Length > p.Length);

    private string? TargetOf(string path)
    {
        var (prefix, folder) = Folders().FirstOrDefault(f => path.StartsWith(f.Prefix, StringComparison.Ordinal));
        if (prefix is null)
        {
            return null;
        }

        var target = Path.GetFullPath(Path.Combine(folder, path[prefix.Length..]));
        // Never outside its folder, whatever the archive says (checked again after the manifest's own check).
        return target.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? target : null;
    }

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];

    /// <summary>
    /// SQLite's online backup into <paramref name="target"/>: one consistent snapshot, taken in a read transaction
    /// that does not block the portal's writers in WAL mode. The copy is switched to a single file and counted.
    /// </summary>
    private BackupCounts CopyDatabase(string target)
    {
        if (!File.Exists(locations.DatabaseFile))
        {
            throw new InvalidOperationException($"数据库文件 {locations.DatabaseFile} 不存在");
        }

        // Read-write, though only read: a read-only connection cannot open a WAL database whose -shm file is gone
        // (the portal stopped), and the backup API only reads the source.
        var source = new SqliteConnectionStringBuilder(locations.ConnectionString) { Pooling = false };
        using (var from = new SqliteConnection(source.ToString()))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode=DELETE;");
            return new BackupCounts(Count(to, "Proposals"), Count(to, "ReplyDocuments"), Count(to, "Attachment"), Count(to, "AuditEntries"));
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static async Task<BackupEntry> AddAsync(ZipArchive zip, string name, string path, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = File.GetLastWriteTimeUtc(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var output = entry.Open())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                length += read;
            }
        }

        return new BackupEntry(name, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task ExtractAsync(ZipArchiveEntry entry, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var input = entry.Open();
        await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
        await input.CopyToAsync(output, cancellationToken);
    }

    /// <summary>
    /// The database being replaced is kept, not deleted: its WAL is folded in first, so the kept file is whole, and
    /// the -wal/-shm files go, so they cannot be replayed into the restored database.
    /// </summary>
    private void KeepAside(string database)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            connection.Open();
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var aside = $"{database}.before-restore-{clock.LocalNow:yyyyMMdd-HHmmss}";
        File.Move(database, aside);
        TryDelete(database + "-wal");
        TryDelete(database + "-shm");
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("The replaced database is kept as {Aside}", aside);
        }
    }

    /// <summary>Keeps the newest <c>Backup:Keep</c> nightly archives of the folder.</summary>
    private void Prune()
    {
        var keep = Math.Max(1, options.Value.Keep);
        foreach (var old in new DirectoryInfo(Folder).GetFiles("portal-*.zip").OrderByDescending(f => f.Name, StringComparer.Ordinal).Skip(keep))
        {
            TryDelete(old.FullName);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind; the next prune or backup tries again.
        }
    }

    private static void TryDeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temporary folder left behind.
        }
    }
}
