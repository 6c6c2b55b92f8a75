using System.Text.Json;

namespace ProposalPortal.Features.Backup;

/// <summary>
/// The last backup as the admin page shows it: the last attempt (good or not) and the last good one. Kept as a small
/// file in the backup folder rather than in the database, so that a backup from the command line (another process)
/// and a failure to reach the database are both recorded.
/// </summary>
public sealed record BackupStatus(
    DateTimeOffset LastAttemptAt,
    string LastAttemptFile,
    string? LastError,
    DateTimeOffset? LastSuccessAt,
    string? LastSuccessFile,
    long LastSuccessBytes)
{
    public bool LastFailed => LastError is not null;
}

/// <summary>Reads and writes <see cref="BackupStatus"/> in <c>backup-status.json</c> of the backup folder.</summary>
public sealed class BackupStatusStore
{
    public const string FileName = "backup-status.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _lock = new();

    public BackupStatus? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        lock (_lock)
        {
            try
            {
                return File.Exists(path) ? JsonSerializer.Deserialize<BackupStatus>(File.ReadAllText(path), Json) : null;
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                return null;
            }
        }
    }

    internal void Record(string folder, BackupResult result, DateTimeOffset at)
    {
        lock (_lock)
        {
            var previous = Read(folder);
            var status = result.Succeeded
                ? new BackupStatus(at, result.File, null, at, result.File, result.Bytes)
                : new BackupStatus(at, result.File, result.Error, previous?.LastSuccessAt, previous?.LastSuccessFile, previous?.LastSuccessBytes ?? 0);
            try
            {
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, FileName);
                File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(status, Json));
                File.Move(path + ".tmp", path, overwrite: true);
            }
            catch (IOException)
            {
                // The folder itself is unwritable: the backup already failed or will, and the log says so.
            }
        }
    }
}
