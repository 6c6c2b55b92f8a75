using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProposerRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RegistryId",
                table: "Proposer",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RegisteredProposers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Group = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OfficePhone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredProposers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Proposer_RegistryId",
                table: "Proposer",
                column: "RegistryId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredProposers_Name_Body",
                table: "RegisteredProposers",
                columns: new[] { "Name", "Body" });

            migrationBuilder.AddForeignKey(
                name: "FK_Proposer_RegisteredProposers_RegistryId",
                table: "Proposer",
                column: "RegistryId",
                principalTable: "RegisteredProposers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Proposer_RegisteredProposers_RegistryId",
                table: "Proposer");

            migrationBuilder.DropTable(
                name: "RegisteredProposers");

            migrationBuilder.DropIndex(
                name: "IX_Proposer_RegistryId",
                table: "Proposer");

            migrationBuilder.DropColumn(
                name: "RegistryId",
                table: "Proposer");
        }
    }
}
