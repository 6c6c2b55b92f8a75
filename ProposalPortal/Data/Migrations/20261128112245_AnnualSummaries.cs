using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnnualSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnnualSummaries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Characteristics = table.Column<string>(type: "TEXT", nullable: false),
                    Practices = table.Column<string>(type: "TEXT", nullable: false),
                    KeyProposals = table.Column<string>(type: "TEXT", nullable: false),
                    Difficulties = table.Column<string>(type: "TEXT", nullable: false),
                    NextSteps = table.Column<string>(type: "TEXT", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualSummaries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualSummaries_Year",
                table: "AnnualSummaries",
                column: "Year",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnualSummaries");
        }
    }
}
