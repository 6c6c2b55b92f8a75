using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChasesNoticesJointHandling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "JointGroupId",
                table: "Proposals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Chases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChasedById = table.Column<int>(type: "INTEGER", nullable: false),
                    ChasedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    HandlerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Chases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Chases_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_JointGroupId",
                table: "Proposals",
                column: "JointGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Chases_ProposalId",
                table: "Chases",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RecipientId_ReadAt",
                table: "Notices",
                columns: new[] { "RecipientId", "ReadAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Chases");

            migrationBuilder.DropTable(
                name: "Notices");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_JointGroupId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "JointGroupId",
                table: "Proposals");
        }
    }
}
