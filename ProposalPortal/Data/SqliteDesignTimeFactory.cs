using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProposalPortal.Data;

/// <summary>
/// For <c>dotnet ef --context PortalDbContext</c>: the SQLite context, never opened. Without it, EF would build the base
/// context through <see cref="PostgreSqlDesignTimeFactory"/> (its context derives from this one) and scaffold the SQLite
/// migration set against PostgreSQL's types.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
