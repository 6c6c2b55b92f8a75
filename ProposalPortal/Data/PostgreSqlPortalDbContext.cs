using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProposalPortal.Data;

/// <summary>
/// The portal's database on PostgreSQL: the same model as <see cref="PortalDbContext"/>, its own type only so that EF
/// keeps a second migration set (Data/Migrations/PostgreSql, each migration names this type) and a second model cache.
/// Add a migration after changing the model, beside the SQLite one:
/// <c>dotnet ef migrations add NAME --project ProposalPortal --context PostgreSqlPortalDbContext --output-dir Data/Migrations/PostgreSql</c>
/// </summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PortalDbContext> options) : PortalDbContext(options);

/// <summary>
/// For <c>dotnet ef</c>: a PostgreSQL context that is never opened (scaffolding a migration needs the provider, not a
/// server). <c>dotnet ef database update</c> is not how the portal migrates: it migrates itself at start-up.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=localhost;Database=proposalportal").Options);
}
