using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations.PostgreSql
{
    /// <summary>
    /// 我的待办 a page at a time (issue 17): each item stores where its deadline stands (DeadlineStanding: 0 running,
    /// 1 step done, 2 no deadline; Proposal.DeadlineStandingOf), and IX_Proposals_MyWork (who it waits for, then the
    /// list's order, then IsKey) replaces IX_Proposals_WaitingForRole_WaitingForSectionId, so that a page is read from
    /// the index in order and the total counted from it. Hand-written: the fill of the existing rows.
    /// </summary>
    public partial class MyWorkPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Proposals_WaitingForRole_WaitingForSectionId",
                table: "Proposals");

            migrationBuilder.AddColumn<int>(
                name: "DeadlineStanding",
                table: "Proposals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // hand-written: the existing rows' standing, by the rule of Proposal.DeadlineStandingOf (the done states are
            // those of Proposal.IsDeadlineStepDoneIn); every step writes it from now on.
            migrationBuilder.Sql(
                "UPDATE \"Proposals\" SET \"DeadlineStanding\" = CASE WHEN \"Deadline\" IS NULL THEN 2 " +
                "WHEN \"State\" IN ('Replied', 'Evaluated', 'OpinionSent', 'Closed', 'Returned') THEN 1 ELSE 0 END;");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_MyWork",
                table: "Proposals",
                columns: new[] { "WaitingForRole", "WaitingForSectionId", "DeadlineStanding", "Deadline", "Id", "IsKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Proposals_MyWork",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "DeadlineStanding",
                table: "Proposals");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_WaitingForRole_WaitingForSectionId",
                table: "Proposals",
                columns: new[] { "WaitingForRole", "WaitingForSectionId" });
        }
    }
}
