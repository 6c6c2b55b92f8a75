using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class LettersWithoutEvaluationLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every letter stored before this migration was signed by the layout that printed the lead proposer's
            // evaluation QR code: the column's default marks them all (adding a column fires no UPDATE trigger, so the
            // append-only letters stay untouched). New rows always get an explicit value from the model: false.
            migrationBuilder.AddColumn<bool>(
                name: "PrintsEvaluationLink",
                table: "ReplyDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF Core would rebuild the table for a dropped column on SQLite; SQLite (3.35+) drops it in place, which
            // keeps the append-only triggers and fires none of them.
            migrationBuilder.Sql("ALTER TABLE ReplyDocuments DROP COLUMN PrintsEvaluationLink;");
        }
    }
}
