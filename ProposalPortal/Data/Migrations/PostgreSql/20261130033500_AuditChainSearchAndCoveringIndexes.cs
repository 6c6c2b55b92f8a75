using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations.PostgreSql
{
    /// <summary>
    /// hand-written: PostgreSQL's own SQL objects, the counterparts of the SQLite set's triggers, FTS table and raw index.
    /// <list type="bullet">
    /// <item>The two audit trails are append-only (a row may not be changed, deleted or truncated; the one update allowed
    /// is the seal of a row without a hash, as on SQLite) and hash-chained: a BEFORE INSERT trigger seals each new row
    /// with the hash <see cref="AuditChain"/> computes (same serialisation, same SHA-256), under a transaction-level
    /// advisory lock, and gives the row its id after taking the lock, so ids follow the chain's order even when two
    /// transactions insert at once. A row inserted with its hash (copy-data) keeps it; verify-audit checks it.</item>
    /// <item>PublicSearch: the bigrams of the published letters (PublicSearchIndex) as a tsvector with a GIN index, so
    /// two-character words such as 充电 are found without any Chinese parser or extension.</item>
    /// <item>Covering indexes (INCLUDE): the year's figures from the index alone, and the public list's page.</item>
    /// </list>
    /// </summary>
    [DbContext(typeof(PostgreSqlPortalDbContext))]
    [Migration("20261130033500_AuditChainSearchAndCoveringIndexes")]
    public partial class AuditChainSearchAndCoveringIndexes : Migration
    {
        private static readonly (string Table, string[] Integers, string[] Columns)[] Chained =
        [
            ("AuditEntries", ["Id", "ProposalId", "At", "ActorId"], ["Id", "ProposalId", "At", "ActorId", "ActorName", "Action", "FromState", "ToState", "Comment"]),
            ("AdminAuditEntries", ["Id", "At", "ActorId"], ["Id", "At", "ActorId", "ActorName", "Action", "Target", "Before", "After"]),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // AuditChain's serialisation: s<UTF-8 bytes>:<text>, i<integer>;, n; for null; the hash is lower-case hex.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_chain_s(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                  SELECT CASE WHEN v IS NULL THEN 'n;' ELSE 's' || octet_length(convert_to(v, 'UTF8')) || ':' || v END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_chain_i(v bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                  SELECT CASE WHEN v IS NULL THEN 'n;' ELSE 'i' || v || ';' END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                    RAISE EXCEPTION '审计记录只能追加，不能删除';
                  END IF;
                  IF OLD."Hash" IS NULL AND NEW."Hash" IS NOT NULL AND (to_jsonb(NEW) - 'Hash') = (to_jsonb(OLD) - 'Hash') THEN
                    RETURN NEW;
                  END IF;
                  RAISE EXCEPTION '审计记录只能追加，不能修改';
                END $$;
                """);
            foreach (var (table, integers, columns) in Chained)
            {
                var payload = string.Join(" || ", columns.Select(c => integers.Contains(c) ? $"audit_chain_i(NEW.\"{c}\")" : $"audit_chain_s(NEW.\"{c}\")"));
                migrationBuilder.Sql($$"""
                    CREATE FUNCTION "{{table}}_Seal"() RETURNS trigger LANGUAGE plpgsql AS $$
                    DECLARE previous text;
                    BEGIN
                      IF NEW."Hash" IS NOT NULL THEN
                        RETURN NEW;
                      END IF;
                      PERFORM pg_advisory_xact_lock(hashtextextended('ProposalPortal audit chain {{table}}', 0));
                      NEW."Id" := nextval(pg_get_serial_sequence('"{{table}}"', 'Id'));
                      SELECT "Hash" INTO previous FROM "{{table}}" WHERE "Hash" IS NOT NULL ORDER BY "Id" DESC LIMIT 1;
                      NEW."Hash" := encode(sha256(convert_to(audit_chain_s('{{table}}')
                        || audit_chain_s(COALESCE(previous, repeat('0', 64))) || {{payload}}, 'UTF8')), 'hex');
                      RETURN NEW;
                    END $$;
                    """);
                migrationBuilder.Sql($"""CREATE TRIGGER "{table}_Seal" BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION "{table}_Seal"();""");
                migrationBuilder.Sql($"""CREATE TRIGGER "{table}_AppendOnly" BEFORE UPDATE OR DELETE ON "{table}" FOR EACH ROW EXECUTE FUNCTION audit_append_only();""");
                migrationBuilder.Sql($"""CREATE TRIGGER "{table}_NoTruncate" BEFORE TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();""");
            }

            migrationBuilder.Sql("""CREATE TABLE "PublicSearch" ("Id" integer PRIMARY KEY, "Terms" tsvector NOT NULL);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_PublicSearch_Terms" ON "PublicSearch" USING gin ("Terms");""");

            // The year's statistics facts from the index alone (SQLite's IX_Proposals_Year_Facts keys every column; here
            // the year is the key and the rest rides along). SectionId belongs to the owned Responsibility: raw SQL.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Proposals_Year_Facts" ON "Proposals" ("Year")
                INCLUDE ("Kind", "Level", "Role", "State", "IsKey", "Deadline", "ClosedOn", "SectionId");
                """);
            // The public list: published letters, newest first, with what the page filters on.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Reply_PublishedLetters" ON "Reply" ("PublishedAt" DESC, "Id" DESC)
                INCLUDE ("ProposalId", "Category") WHERE "Kind" = 'Letter' AND "PublishedAt" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Reply_PublishedLetters";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Proposals_Year_Facts";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "PublicSearch";""");
            foreach (var (table, _, _) in Chained)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoTruncate" ON "{table}";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_AppendOnly" ON "{table}";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_Seal" ON "{table}";""");
                migrationBuilder.Sql($"""DROP FUNCTION IF EXISTS "{table}_Seal"();""");
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_append_only();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_chain_i(bigint);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_chain_s(text);");
        }
    }
}
