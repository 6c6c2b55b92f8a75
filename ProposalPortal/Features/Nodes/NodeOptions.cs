namespace ProposalPortal.Features.Nodes;

/// <summary>
/// Several portal processes (nodes) behind one load balancer. They are on when <c>ConnectionStrings:Redis</c> is set:
/// Redis then carries live updates and cache invalidations between the nodes.
/// </summary>
public sealed class NodeOptions
{
    public const string SectionName = "Nodes";

    /// <summary>
    /// Put before every Redis channel of this installation (the SignalR backplane's and the portal's own), so that two
    /// installations sharing one Redis server never hear each other.
    /// </summary>
    public string ChannelPrefix { get; set; } = "ProposalPortal";

    /// <summary>
    /// The folder every node mounts (NFS, say) for the attachments and the signing certificate. Relative
    /// <c>Attachments:Folder</c> and <c>Letters:Signing:Folder</c> are placed in it instead of beside the app.
    /// Required with Redis: files kept beside one node would be missing on the others.
    /// </summary>
    public string SharedFolder { get; set; } = string.Empty;

    /// <summary>Redis's connection string, or null on a single server.</summary>
    public static string? RedisConnectionString(IConfiguration config) =>
        config.GetConnectionString("Redis") is { Length: > 0 } redis ? redis : null;

    /// <summary>Whether this configuration runs several nodes (Redis is configured).</summary>
    public static bool AreSeveral(IConfiguration config) => RedisConnectionString(config) is not null;

    /// <summary>Whether the database is PostgreSQL (<c>Database:Provider</c>); SQLite otherwise.</summary>
    public static bool IsPostgres(IConfiguration config) => Data.DatabaseOptions.ProviderOf(config) == Data.DatabaseProvider.PostgreSQL;

    /// <summary>
    /// Where relative file settings (attachments, signing folder) are placed: the shared folder when one is configured,
    /// else the content root. Several nodes without a shared folder are refused at start: each node would keep its own
    /// uploads and its own development certificate.
    /// </summary>
    public static string FilesRoot(IConfiguration config, string contentRoot)
    {
        var shared = config.GetSection(SectionName).Get<NodeOptions>()?.SharedFolder;
        if (string.IsNullOrWhiteSpace(shared))
        {
            return AreSeveral(config)
                ? throw new InvalidOperationException(
                    "ConnectionStrings:Redis is set (several nodes) but Nodes:SharedFolder is not: set it to a folder every node mounts, "
                    + "so that attachments and the signing certificate are the same on every node.")
                : contentRoot;
        }

        return Path.GetFullPath(Path.IsPathRooted(shared) ? shared : Path.Combine(contentRoot, shared));
    }
}
