namespace ProposalPortal.Features.Backup;

/// <summary>One backup or restore, as the administrators' audit log should record it.</summary>
/// <param name="Kind">备份 or 恢复.</param>
/// <param name="By">Who started it: a person's user name, 命令行 or 每日自动备份.</param>
public sealed record BackupEvent(string Kind, string By, string File, long Bytes, bool Succeeded, string? Error, DateTimeOffset At);

/// <summary>
/// Told after every backup and restore. The one call site for the administrators' audit log: the lead wires its
/// recorder here on merge; until then <see cref="NoBackupEvents"/> listens and records nothing.
/// </summary>
public interface IBackupEvents
{
    Task RecordAsync(BackupEvent backupEvent, CancellationToken cancellationToken);
}

/// <summary>Until the administrators' audit log is wired in.</summary>
public sealed class NoBackupEvents : IBackupEvents
{
    public Task RecordAsync(BackupEvent backupEvent, CancellationToken cancellationToken) => Task.CompletedTask;
}
