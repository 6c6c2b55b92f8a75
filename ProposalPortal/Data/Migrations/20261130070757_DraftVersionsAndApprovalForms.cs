using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class DraftVersionsAndApprovalForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "VersionCount",
                table: "Reply",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ApprovalForms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyId = table.Column<int>(type: "INTEGER", nullable: false),
                    LetterVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalForms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalForms_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApprovalForms_Reply_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Reply",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DraftVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReplyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    SavedById = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WordFile = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DraftVersions_Reply_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Reply",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalForms_ProposalId_LetterVersion",
                table: "ApprovalForms",
                columns: new[] { "ProposalId", "LetterVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalForms_ReplyId",
                table: "ApprovalForms",
                column: "ReplyId");

            migrationBuilder.CreateIndex(
                name: "IX_DraftVersions_ReplyId_Number",
                table: "DraftVersions",
                columns: new[] { "ReplyId", "Number" },
                unique: true);

            // hand-written: each reply saved before draft versions were kept gets its text as its first version, so
            // that a later save compares against it. The same SQL on SQLite and PostgreSQL (times are integers on both).
            migrationBuilder.Sql("""
                INSERT INTO "DraftVersions" ("ReplyId", "Number", "Body", "Category", "SavedById", "SavedAt")
                SELECT "Id", 1, "Body", "Category", "DraftedById", "DraftedAt" FROM "Reply";
                UPDATE "Reply" SET "VersionCount" = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovalForms");

            migrationBuilder.DropTable(
                name: "DraftVersions");

            migrationBuilder.DropColumn(
                name: "VersionCount",
                table: "Reply");
        }
    }
}
