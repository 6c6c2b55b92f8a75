using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class WaitingFor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WaitingForRole",
                table: "Proposals",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Nobody");

            migrationBuilder.AddColumn<int>(
                name: "WaitingForSectionId",
                table: "Proposals",
                type: "INTEGER",
                nullable: true);

            // Existing items: the rule of Domain/Workflow/WaitingFor.Of in SQL, so 我的待办 lists the same items after the
            // upgrade. "Publication pending": a signed, unpublished reply of the current round that may be published.
            migrationBuilder.Sql("""
                UPDATE Proposals SET
                    WaitingForRole = CASE
                        WHEN State IN ('Registered', 'Accepted', 'ReturnRequested', 'Replied', 'Evaluated', 'OpinionSent') THEN 'Office'
                        WHEN State = 'Closed' AND Role = 'Lead' AND EXISTS (
                            SELECT 1 FROM Reply r WHERE r.ProposalId = Proposals.Id AND r.Round = Proposals.ReopenRound + 1
                                AND r.SignedAt IS NOT NULL AND r.PublishedAt IS NULL AND COALESCE(r.Disclosure, '') <> 'Withhold'
                                AND r.Id = (SELECT MAX(c.Id) FROM Reply c WHERE c.ProposalId = Proposals.Id AND c.Round = Proposals.ReopenRound + 1))
                            THEN 'Office'
                        WHEN State = 'InProgress' AND SectionId IS NOT NULL THEN 'Section'
                        WHEN State IN ('Drafted', 'Reopened') AND Role = 'Lead' AND SectionId IS NOT NULL THEN 'Section'
                        WHEN State = 'UnderReview' AND Role = 'Lead' AND SectionId IS NOT NULL THEN 'DeputyInCharge'
                        WHEN State = 'AwaitingSignOff' AND Role = 'Lead' THEN 'Signer'
                        ELSE 'Nobody'
                    END,
                    WaitingForSectionId = CASE
                        WHEN State = 'InProgress' AND SectionId IS NOT NULL THEN SectionId
                        WHEN State IN ('Drafted', 'Reopened', 'UnderReview') AND Role = 'Lead' THEN SectionId
                        ELSE NULL
                    END;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_WaitingForRole_WaitingForSectionId",
                table: "Proposals",
                columns: new[] { "WaitingForRole", "WaitingForSectionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Proposals_WaitingForRole_WaitingForSectionId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "WaitingForRole",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "WaitingForSectionId",
                table: "Proposals");
        }
    }
}
