using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <summary>
    /// The administrators' own record (AdminAuditEntries) and a hash chain over both audit trails (AuditChain). Rows
    /// already there get their hashes at the next start, in id order: SQLite has no SHA-256 to do it here.
    /// </summary>
    public partial class AuditHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AdminAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminAuditEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdminAuditEntries_At",
                table: "AdminAuditEntries",
                column: "At");

            // Append-only, as the item trail. The one update allowed is the seal: a row without a hash receives one
            // (AuditChain, in the inserting transaction, or at the first start for rows from before this version)
            // and nothing else in it changes. Once sealed, a row cannot be changed at all.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
            var chained = new (string Table, string[] Columns)[]
            {
                ("AuditEntries", ["Id", "ProposalId", "At", "ActorId", "ActorName", "Action", "FromState", "ToState", "Comment"]),
                ("AdminAuditEntries", ["Id", "At", "ActorId", "ActorName", "Action", "Target", "Before", "After"]),
            };
            foreach (var (table, columns) in chained)
            {
                var otherChange = string.Join(" OR ", columns.Select(c => $"NEW.{c} IS NOT OLD.{c}"));
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE ON {table}
                    WHEN OLD.Hash IS NOT NULL OR NEW.Hash IS NULL OR {otherChange}
                    BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;
                    """);
            }

            migrationBuilder.Sql("""
                CREATE TRIGGER AdminAuditEntries_NoDelete BEFORE DELETE ON AdminAuditEntries
                BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdminAuditEntries");

            // SQLite's own DROP COLUMN, not EF's table rebuild, which would lose the item trail's triggers. The
            // column's trigger goes first (SQLite refuses to drop a column a trigger names), then comes back as it was.
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_NoUpdate;");
            migrationBuilder.Sql("ALTER TABLE AuditEntries DROP COLUMN Hash;");
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, '审计记录只能追加,不能修改'); END;
                """);
        }
    }
}
