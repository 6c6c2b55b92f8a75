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

    /// <summary>
    /// What the administrator must be warned of, in Chinese, or null: no good backup yet, the last attempt failed, or
    /// the last good one is older than <paramref name="warnAfterDays"/> days.
    /// </summary>
    public static string? Warning(BackupStatus? status, DateTimeOffset now, int warnAfterDays, TimeZoneInfo zone)
    {
        if (status?.LastSuccessAt is not { } success)
        {
            return status?.LastError is { } never ? $"备份从未成功。最近一次失败于{When(status.LastAttemptAt, zone)}：{never}" : "尚无备份。请立即备份一次，并确认每日自动备份已开启。";
        }

        if (status.LastError is { } error)
        {
            return $"最近一次备份失败（{When(status.LastAttemptAt, zone)}）：{error}";
        }

        var age = now - success;
        return age > TimeSpan.FromDays(warnAfterDays)
            ? $"最近一次成功的备份是{When(success, zone)}，已超过{warnAfterDays}天。请检查每日自动备份是否正常运行。"
            : null;
    }

    /// <summary>An instant as the bureau reads it: 2026年11月28日 02:30.</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{ProposalPortal.Domain.ChineseDate.Format(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }
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
            var status = result.Outcome.IsOk
                ? new BackupStatus(at, result.File, null, at, result.File, result.Bytes)
                : new BackupStatus(at, result.File, result.Outcome.Error, previous?.LastSuccessAt, previous?.LastSuccessFile, previous?.LastSuccessBytes ?? 0);
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
