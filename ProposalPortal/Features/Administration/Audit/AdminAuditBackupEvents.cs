using System.Data.Common;
using System.Globalization;
using ProposalPortal.Features.Backup;

namespace ProposalPortal.Features.Administration.Audit;

/// <summary>
/// Puts every backup and restore on the administrators' record: who started it (a person, 命令行 or 每日自动备份), the
/// archive, its size and, when it failed, why. A restore is recorded in the database it restored, once it has
/// succeeded: a refused restore changes nothing, not even the record, and the command says why.
/// </summary>
public sealed class AdminAuditBackupEvents(AdminAuditLog log, ILogger<AdminAuditBackupEvents> logger) : IBackupEvents
{
    public async Task RecordAsync(BackupEvent backupEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backupEvent);
        var action = backupEvent.Kind == "恢复" ? AdminActions.Restore : AdminActions.Backup;
        if (action == AdminActions.Restore && !backupEvent.Succeeded)
        {
            return;
        }

        var size = (backupEvent.Bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
        var after = backupEvent.Succeeded ? $"成功，{size}MB" : $"失败：{backupEvent.Error}";
        try
        {
            await log.RecordAsync(backupEvent.By, action, backupEvent.File, null, after, cancellationToken);
        }
        catch (DbException exception)
        {
            // A backup whose database cannot be opened, or a restored archive of a version without the record, has
            // nowhere to be written; the command's own output and the log still say what happened.
            logger.LogWarning(exception, "{Kind} {File} could not be put on the administrators' record", backupEvent.Kind, backupEvent.File);
        }
    }
}
