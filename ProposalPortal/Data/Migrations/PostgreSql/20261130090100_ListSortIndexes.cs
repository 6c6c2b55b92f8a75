using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations.PostgreSql
{
    /// <summary>
    /// hand-written (issue 17): the item list's indexes, the same plain ones as SQLite's ListSortIndexes (one per sort in its
    /// exact ORDER BY, then the filtered columns; the filtered columns alone; by id). PostgreSQL's planner has statistics
    /// and chooses among them itself. No model change.
    /// </summary>
    [DbContext(typeof(PostgreSqlPortalDbContext))]
    [Migration("20261130090100_ListSortIndexes")]
    public partial class ListSortIndexes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, columns) in ListIndexes.All)
            {
                migrationBuilder.Sql($"CREATE INDEX \"{name}\" ON \"Proposals\" ({columns});");
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, _) in ListIndexes.All)
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"{name}\";");
            }
        }
    }
}
