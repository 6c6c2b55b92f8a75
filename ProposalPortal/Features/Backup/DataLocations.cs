using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals.Attachments;

namespace ProposalPortal.Features.Backup;

/// <summary>
/// Where the data-protection keys are kept (<c>DataProtection</c>). They protect the copies of the evaluation links and
/// the uploaded certificate's password, so they belong with the database: a restart, an upgrade into a new folder or
/// a second server then reads the same keys, and a backup carries them.
/// </summary>
public sealed class KeyStorageOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// The application name every instance protects under. Fixed: ASP.NET Core's default is the content root's path,
    /// so the same keys read in another folder would not open what was protected before the move.
    /// </summary>
    public const string ApplicationName = "ProposalPortal";

    /// <summary>The keys' folder; empty means <c>keys</c> beside the database file (App_Data/keys by default).</summary>
    public string KeysFolder { get; set; } = string.Empty;

    /// <summary>The keys' folder for this configuration, resolved against the content root.</summary>
    public static string ResolveKeysFolder(IConfiguration config, string contentRoot)
    {
        var configured = config.GetSection(SectionName).Get<KeyStorageOptions>()?.KeysFolder;
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (Data.DatabaseOptions.ProviderOf(config) == Data.DatabaseProvider.PostgreSQL)
            {
                // No database file to sit beside: the app's own data folder, where SQLite's file would be.
                return Path.Combine(contentRoot, "App_Data", "keys");
            }

            var database = DataLocations.FileOf(PortalServices.ResolveConnectionString(config, contentRoot));
            return Path.Combine(Path.GetDirectoryName(database) ?? contentRoot, "keys");
        }

        return Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));
    }
}

/// <summary>
/// Every place the portal keeps data that a backup must carry and a restore must put back: the database, the
/// attachments, the data-protection keys and the signing folder. Signed letters live in the database
/// (<c>ReplyDocuments</c>), so the database holds them.
/// </summary>
public sealed class DataLocations(string connectionString, string keysFolder, IOptions<AttachmentOptions> attachments,
    SigningCertificate signing, Data.DatabaseProvider provider = Data.DatabaseProvider.Sqlite)
{
    /// <summary>The connection string of <c>ConnectionStrings:Portal</c>, resolved against the content root.</summary>
    public string ConnectionString => connectionString;

    public Data.DatabaseProvider Provider => provider;

    /// <summary>
    /// The SQLite file. On PostgreSQL there is none: a name beside the attachments folder stands in, so that the
    /// folders placed "beside the database" (backups) stay in the app's data folder.
    /// </summary>
    public string DatabaseFile => provider == Data.DatabaseProvider.PostgreSQL
        ? Path.Combine(Path.GetDirectoryName(AttachmentsFolder.TrimEnd(Path.DirectorySeparatorChar)) ?? AttachmentsFolder, "postgresql")
        : FileOf(connectionString);

    public string AttachmentsFolder => Path.GetFullPath(attachments.Value.Folder);

    public string KeysFolder => keysFolder;

    public string SigningFolder => Path.GetFullPath(signing.Folder);

    internal static string FileOf(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
}
