using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <summary>
    /// hand-written: the 签批单 filed at sign-off (ApprovalForms) is evidence like the signed letter it approved, so the
    /// database refuses to change or remove it, as it already does for ReplyDocuments; the letter's triggers are made
    /// again with the message in full-width punctuation. No model change.
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261130091500_SignedDocumentsAppendOnly")]
    public partial class SignedDocumentsAppendOnly : Migration
    {
        private static readonly (string Table, string Message)[] Guarded =
        [
            ("ReplyDocuments", "签章答复函只能追加，不能修改或删除"),
            ("ApprovalForms", "签批单只能追加，不能修改或删除"),
        ];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, message) in Guarded)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoUpdate;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoDelete;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_NoDelete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END;");
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Guarded)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoUpdate;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoDelete;");
            }

            // The letter's triggers as SqlObjects made them (the schema before this migration, to the byte).
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyDocuments_NoUpdate BEFORE UPDATE ON ReplyDocuments
                BEGIN SELECT RAISE(ABORT, '签章答复函只能追加,不能修改或删除'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyDocuments_NoDelete BEFORE DELETE ON ReplyDocuments
                BEGIN SELECT RAISE(ABORT, '签章答复函只能追加,不能修改或删除'); END;
                """);
        }
    }
}
