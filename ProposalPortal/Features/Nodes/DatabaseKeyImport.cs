using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;

namespace ProposalPortal.Features.Nodes;

/// <summary>
/// A bureau moving from one server to several keeps its data-protection keys: the keys folder of the single server is
/// copied into the database once, while the database holds no key yet, so what they protected (the copies of the
/// evaluation links, the uploaded certificate's password) still opens on every node.
/// </summary>
public sealed class DatabaseKeyImport(string keysFolder, ILogger<DatabaseKeyImport> logger)
{
    public async Task<int> ImportAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Directory.Exists(keysFolder) || await db.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            return 0;
        }

        // The folder's files are named as the database repository names its rows: key-{id}.xml.
        var files = Directory.GetFiles(keysFolder, "key-*.xml");
        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, cancellationToken),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (files.Length > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Copied {Count} data-protection keys from {Folder} into the database", files.Length, keysFolder);
        }

        return files.Length;
    }
}
