using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <summary>
    /// hand-written: the SQL objects EF Core's model cannot express, on top of the generated <see cref="Baseline"/>.
    /// The texts are those the 14 migrations before the squash left in sqlite_master, character for character
    /// (MigrationTests compares the two schemas), so a database made before the squash and one made after are the same.
    /// On a database at the baseline that already holds rows (MigrationTests' upgrade test) the WaitingFor fill gives
    /// the existing items their "waiting for", and the next start seals the audit trails and fills the public search.
    /// </summary>
    public partial class SqlObjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trails are append-only: the database itself refuses to change or delete a line, whatever code (or
            // hand-run SQL) tries. The one update allowed is the seal: a row without a hash receives one (AuditChain, in
            // the inserting transaction, or at the next start for rows from before the chain) and nothing else changes.
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
                WHEN OLD.Hash IS NOT NULL OR NEW.Hash IS NULL OR NEW.Id IS NOT OLD.Id OR NEW.ProposalId IS NOT OLD.ProposalId OR NEW.At IS NOT OLD.At OR NEW.ActorId IS NOT OLD.ActorId OR NEW.ActorName IS NOT OLD.ActorName OR NEW.Action IS NOT OLD.Action OR NEW.FromState IS NOT OLD.FromState OR NEW.ToState IS NOT OLD.ToState OR NEW.Comment IS NOT OLD.Comment
                BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;
                """);
            // The half-width comma is what the pre-squash migration wrote; kept so that both schemas stay identical.
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, '审计记录只能追加,不能删除'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER AdminAuditEntries_NoUpdate BEFORE UPDATE ON AdminAuditEntries
                WHEN OLD.Hash IS NOT NULL OR NEW.Hash IS NULL OR NEW.Id IS NOT OLD.Id OR NEW.At IS NOT OLD.At OR NEW.ActorId IS NOT OLD.ActorId OR NEW.ActorName IS NOT OLD.ActorName OR NEW.Action IS NOT OLD.Action OR NEW.Target IS NOT OLD.Target OR NEW.Before IS NOT OLD.Before OR NEW.After IS NOT OLD.After
                BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER AdminAuditEntries_NoDelete BEFORE DELETE ON AdminAuditEntries
                BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END;
                """);

            // A signed letter is evidence: once stored it is never changed or removed (a change is a new version).
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyDocuments_NoUpdate BEFORE UPDATE ON ReplyDocuments
                BEGIN SELECT RAISE(ABORT, '签章答复函只能追加,不能修改或删除'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyDocuments_NoDelete BEFORE DELETE ON ReplyDocuments
                BEGIN SELECT RAISE(ABORT, '签章答复函只能追加,不能修改或删除'); END;
                """);

            // The public search index: published titles and texts as space-separated character bigrams (see
            // PublicSearchIndex), so that two-character Chinese words such as 光伏 are found. Filled by the app.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE PublicSearch USING fts5(Text, tokenize = 'unicode61');");

            // The year's statistics facts, answered from the index alone. SectionId is a column of the owned
            // Responsibility, which EF's model cannot put in an index of the owner.
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_Proposals_Year_Facts\" ON \"Proposals\" " +
                "(\"Year\", \"Kind\", \"Level\", \"Role\", \"State\", \"IsKey\", \"Deadline\", \"ClosedOn\", \"SectionId\");");

            // Rows already there (a database at the baseline): the rule of Domain/Workflow/WaitingFor.Of in SQL, so that
            // 我的待办 lists them. "Publication pending": a signed, unpublished reply of the current round that may be
            // published. On a new database it changes nothing.
            migrationBuilder.Sql("""
                UPDATE Proposals SET
                    WaitingForRole = CASE
                        WHEN State IN ('Registered', 'Accepted', 'ReturnRequested', 'Replied', 'Evaluated', 'OpinionSent') THEN 'Office'
                        WHEN State = 'Closed' AND Role = 'Lead' AND EXISTS (
                            SELECT 1 FROM Reply r WHERE r.ProposalId = Proposals.Id AND r.Round = Proposals.ReopenRound + 1
                                AND r.SignedAt IS NOT NULL AND r.PublishedAt IS NULL AND COALESCE(r.Disclosure, '') <> 'Withhold'
                                AND r.Id = (SELECT MAX(c.Id) FROM Reply c WHERE c.ProposalId = Proposals.Id AND c.Round = Proposals.ReopenRound + 1))
                            THEN 'Office'
                        WHEN State = 'InProgress' AND SectionId IS NOT NULL THEN 'Section'
                        WHEN State IN ('Drafted', 'Reopened') AND Role = 'Lead' AND SectionId IS NOT NULL THEN 'Section'
                        WHEN State = 'UnderReview' AND Role = 'Lead' AND SectionId IS NOT NULL THEN 'DeputyInCharge'
                        WHEN State = 'AwaitingSignOff' AND Role = 'Lead' THEN 'Signer'
                        ELSE 'Nobody'
                    END,
                    WaitingForSectionId = CASE
                        WHEN State = 'InProgress' AND SectionId IS NOT NULL THEN SectionId
                        WHEN State IN ('Drafted', 'Reopened', 'UnderReview') AND Role = 'Lead' THEN SectionId
                        ELSE NULL
                    END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Proposals_Year_Facts\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS PublicSearch;");
            foreach (var trigger in new[]
            {
                "AuditEntries_NoUpdate", "AuditEntries_NoDelete", "AdminAuditEntries_NoUpdate", "AdminAuditEntries_NoDelete",
                "ReplyDocuments_NoUpdate", "ReplyDocuments_NoDelete",
            })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            }
        }
    }
}
