using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <summary>
    /// hand-written (issue 17): IX_Proposals_Year_Facts gains ReopenRound, which the year's figures read with the other
    /// facts (an item closed without an answer to its last round is 未反馈). Without it the index did not cover the read,
    /// and SQLite fetched every one of the year's 10,000 wide rows through another year index
    /// (FigureQueryPlanTests). And IX_Evaluation_Figures: each proposer's answer (round, proposer, satisfaction) from the
    /// index alone; the model's evaluation index lacks ProposerId. No model change: both indexes are raw SQL.
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261130071500_FiguresIndexReopenRound")]
    public partial class FiguresIndexReopenRound : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Proposals_Year_Facts\";");
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_Proposals_Year_Facts\" ON \"Proposals\" " +
                "(\"Year\", \"Kind\", \"Level\", \"Role\", \"State\", \"IsKey\", \"Deadline\", \"ClosedOn\", \"SectionId\", \"ReopenRound\");");
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_Evaluation_Figures\" ON \"Evaluation\" (\"ProposalId\", \"Round\", \"ProposerId\", \"Satisfaction\");");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Evaluation_Figures\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Proposals_Year_Facts\";");
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_Proposals_Year_Facts\" ON \"Proposals\" " +
                "(\"Year\", \"Kind\", \"Level\", \"Role\", \"State\", \"IsKey\", \"Deadline\", \"ClosedOn\", \"SectionId\");");
        }
    }
}
