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

            // Append-only, as the item trail: a row may be written once, and then only to receive its hash
            // (AuditChain seals it in the inserting transaction). Once sealed it can be neither changed nor deleted.
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_NoUpdate;");
            foreach (var table in new[] { "AuditEntries", "AdminAuditEntries" })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE ON {table} WHEN OLD.Hash IS NOT NULL
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
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
            migrationBuilder.DropTable(
                name: "AdminAuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            // Dropping a column rebuilds the table in SQLite, which loses its triggers: put back the earlier pair.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoDelete;");
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END;
                """);
        }
    }
}
