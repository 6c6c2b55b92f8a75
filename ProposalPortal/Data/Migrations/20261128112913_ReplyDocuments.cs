using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReplyDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReplyDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    SignerId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CertificateSubject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CertificateThumbprint = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplyDocuments_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReplyDocuments_Reply_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Reply",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReplyDocuments_ProposalId_Version",
                table: "ReplyDocuments",
                columns: new[] { "ProposalId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReplyDocuments_ReplyId",
                table: "ReplyDocuments",
                column: "ReplyId");

            // A signed letter is evidence: once stored it is never changed or removed (a change is a new version).
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyDocuments_NoUpdate BEFORE UPDATE ON ReplyDocuments
                BEGIN SELECT RAISE(ABORT, '签章答复函只能追加,不能修改或删除'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyDocuments_NoDelete BEFORE DELETE ON ReplyDocuments
                BEGIN SELECT RAISE(ABORT, '签章答复函只能追加,不能修改或删除'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReplyDocuments_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReplyDocuments_NoDelete;");
            migrationBuilder.DropTable(
                name: "ReplyDocuments");
        }
    }
}
