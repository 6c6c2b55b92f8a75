using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoveringIndexesForListsAndFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reply_ProposalId",
                table: "Reply");

            migrationBuilder.DropIndex(
                name: "IX_Proposer_ProposalId",
                table: "Proposer");

            migrationBuilder.DropIndex(
                name: "IX_ProposalTopic_ProposalId",
                table: "ProposalTopic");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_Year_State",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_Evaluation_ProposalId",
                table: "Evaluation");

            migrationBuilder.DropIndex(
                name: "IX_Communication_ProposalId",
                table: "Communication");

            migrationBuilder.CreateIndex(
                name: "IX_Reply_ProposalId_Kind_Round_SignedAt_Category_PublishedAt",
                table: "Reply",
                columns: new[] { "ProposalId", "Kind", "Round", "SignedAt", "Category", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposer_ProposalId_Order_Name",
                table: "Proposer",
                columns: new[] { "ProposalId", "Order", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ProposalTopic_ProposalId_Name",
                table: "ProposalTopic",
                columns: new[] { "ProposalId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_Year_State_Deadline",
                table: "Proposals",
                columns: new[] { "Year", "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_Year_Title",
                table: "Proposals",
                columns: new[] { "Year", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluation_ProposalId_Round_RecordedAt_Satisfaction",
                table: "Evaluation",
                columns: new[] { "ProposalId", "Round", "RecordedAt", "Satisfaction" });

            migrationBuilder.CreateIndex(
                name: "IX_Communication_ProposalId_Method",
                table: "Communication",
                columns: new[] { "ProposalId", "Method" });

            // The year's statistics facts, answered from the index alone. SectionId is a column of the owned
            // Responsibility, which EF's model cannot put in an index of the owner, hence raw SQL.
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_Proposals_Year_Facts\" ON \"Proposals\" " +
                "(\"Year\", \"Kind\", \"Level\", \"Role\", \"State\", \"IsKey\", \"Deadline\", \"ClosedOn\", \"SectionId\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Proposals_Year_Facts\";");

            migrationBuilder.DropIndex(
                name: "IX_Reply_ProposalId_Kind_Round_SignedAt_Category_PublishedAt",
                table: "Reply");

            migrationBuilder.DropIndex(
                name: "IX_Proposer_ProposalId_Order_Name",
                table: "Proposer");

            migrationBuilder.DropIndex(
                name: "IX_ProposalTopic_ProposalId_Name",
                table: "ProposalTopic");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_Year_State_Deadline",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_Year_Title",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_Evaluation_ProposalId_Round_RecordedAt_Satisfaction",
                table: "Evaluation");

            migrationBuilder.DropIndex(
                name: "IX_Communication_ProposalId_Method",
                table: "Communication");

            migrationBuilder.CreateIndex(
                name: "IX_Reply_ProposalId",
                table: "Reply",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposer_ProposalId",
                table: "Proposer",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalTopic_ProposalId",
                table: "ProposalTopic",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_Year_State",
                table: "Proposals",
                columns: new[] { "Year", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluation_ProposalId",
                table: "Evaluation",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_Communication_ProposalId",
                table: "Communication",
                column: "ProposalId");
        }
    }
}
