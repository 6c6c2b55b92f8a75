namespace ProposalPortal.Features.Backup;

/// <summary>The nightly backup (<c>Backup</c>): where, when, how many are kept, and when the admin page warns.</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Backup";

    /// <summary>Whether the portal takes a backup every night by itself.</summary>
    public bool NightlyEnabled { get; set; } = true;

    /// <summary>Where the nightly backups go; empty means <c>backups</c> beside the database file.</summary>
    public string Folder { get; set; } = string.Empty;

    /// <summary>The time of day (the bureau's time zone) the nightly backup starts, as HH:mm.</summary>
    public string TimeOfDay { get; set; } = "02:30";

    /// <summary>How many nightly backups are kept; older ones in the folder are deleted after a good backup.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>The admin page warns when the last good backup is older than this many days.</summary>
    public int WarnAfterDays { get; set; } = 2;
}
