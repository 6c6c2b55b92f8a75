using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations.PostgreSql
{
    /// <summary>
    /// hand-written (issue 17): IX_Proposals_Year_Facts also carries ReopenRound, which the year's figures read with the
    /// other facts, so the read stays index-only as on SQLite; IX_Evaluation_Figures gives each proposer's answer from the
    /// index alone. No model change: both indexes are raw SQL.
    /// </summary>
    [DbContext(typeof(PostgreSqlPortalDbContext))]
    [Migration("20261130071600_FiguresIndexReopenRound")]
    public partial class FiguresIndexReopenRound : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Proposals_Year_Facts";""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Proposals_Year_Facts" ON "Proposals" ("Year")
                INCLUDE ("Kind", "Level", "Role", "State", "IsKey", "Deadline", "ClosedOn", "SectionId", "ReopenRound");
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Evaluation_Figures" ON "Evaluation" ("ProposalId") INCLUDE ("Round", "ProposerId", "Satisfaction");""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Evaluation_Figures";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Proposals_Year_Facts";""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Proposals_Year_Facts" ON "Proposals" ("Year")
                INCLUDE ("Kind", "Level", "Role", "State", "IsKey", "Deadline", "ClosedOn", "SectionId");
                """);
        }
    }
}
