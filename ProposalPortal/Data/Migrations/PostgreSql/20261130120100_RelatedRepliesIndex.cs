using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations.PostgreSql
{
    /// <summary>
    /// hand-written (issue 17): the related replies' index, the same plain one as SQLite's RelatedRepliesIndex (year and reply
    /// date newest first, the id, the section; DESC puts NULL first here, as PostgreSQL's ORDER BY … DESC does). PostgreSQL's
    /// planner has statistics and chooses to walk it itself. No model change.
    /// </summary>
    [DbContext(typeof(PostgreSqlPortalDbContext))]
    [Migration("20261130120100_RelatedRepliesIndex")]
    public partial class RelatedRepliesIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(ProposalPortal.Data.Migrations.RelatedRepliesIndex.Create);

        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Proposals_Related\";");
    }
}
