using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations.PostgreSql
{
    /// <summary>
    /// hand-written: a signed letter (ReplyDocuments) and the 签批单 filed with it (ApprovalForms) are evidence, so the
    /// database refuses to change, remove or truncate them, as SQLite's triggers do (this set had none until now). A
    /// change to a letter is a new version row. No model change.
    /// </summary>
    [DbContext(typeof(PostgreSqlPortalDbContext))]
    [Migration("20261130091600_SignedDocumentsAppendOnly")]
    public partial class SignedDocumentsAppendOnly : Migration
    {
        private static readonly string[] Guarded = ["ReplyDocuments", "ApprovalForms"];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // TG_ARGV[0] names the document in the message.
            migrationBuilder.Sql("""
                CREATE FUNCTION signed_document_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION '%只能追加，不能修改或删除', TG_ARGV[0];
                END $$;
                """);
            foreach (var table in Guarded)
            {
                var name = table == "ReplyDocuments" ? "签章答复函" : "签批单";
                migrationBuilder.Sql($"""CREATE TRIGGER "{table}_AppendOnly" BEFORE UPDATE OR DELETE ON "{table}" FOR EACH ROW EXECUTE FUNCTION signed_document_append_only('{name}');""");
                migrationBuilder.Sql($"""CREATE TRIGGER "{table}_NoTruncate" BEFORE TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION signed_document_append_only('{name}');""");
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Guarded)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoTruncate" ON "{table}";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_AppendOnly" ON "{table}";""");
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS signed_document_append_only();");
        }
    }
}
