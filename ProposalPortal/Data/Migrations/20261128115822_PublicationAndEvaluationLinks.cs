using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublicationAndEvaluationLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attitude",
                table: "Evaluation",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowThrough",
                table: "Evaluation",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FormAttachmentId",
                table: "Evaluation",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProposerId",
                table: "Evaluation",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Substance",
                table: "Evaluation",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EvaluationInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposerId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProtectedToken = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationInvitations_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationInvitations_Reply_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Reply",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reply_PublishedAt_Kind",
                table: "Reply",
                columns: new[] { "PublishedAt", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitations_ProposalId",
                table: "EvaluationInvitations",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitations_ReplyId_ProposerId",
                table: "EvaluationInvitations",
                columns: new[] { "ReplyId", "ProposerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitations_TokenHash",
                table: "EvaluationInvitations",
                column: "TokenHash",
                unique: true);

            // The public search index: published titles and texts as space-separated character bigrams (see
            // PublicSearchIndex), so that two-character Chinese words such as 光伏 are found. Filled by the app.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE PublicSearch USING fts5(Text, tokenize = 'unicode61');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS PublicSearch;");
            migrationBuilder.DropTable(
                name: "EvaluationInvitations");

            migrationBuilder.DropIndex(
                name: "IX_Reply_PublishedAt_Kind",
                table: "Reply");

            migrationBuilder.DropColumn(
                name: "Attitude",
                table: "Evaluation");

            migrationBuilder.DropColumn(
                name: "FollowThrough",
                table: "Evaluation");

            migrationBuilder.DropColumn(
                name: "FormAttachmentId",
                table: "Evaluation");

            migrationBuilder.DropColumn(
                name: "ProposerId",
                table: "Evaluation");

            migrationBuilder.DropColumn(
                name: "Substance",
                table: "Evaluation");
        }
    }
}
