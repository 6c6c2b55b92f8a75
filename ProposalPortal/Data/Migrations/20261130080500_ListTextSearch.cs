using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // hand-written: the item list's text search (ProposalQueryService, issue 17). Each item's title and its
            // proposers' names as overlapping character bigrams in an FTS5 table keyed by the item's id, so that a
            // two-character Chinese word (充电) is found through the index instead of a scan of every title; the
            // query turns what was typed into the same bigrams. SQLite's triggers keep it in step with every write
            // (registration, import, copy-data, corrections), whoever makes it. ProposalSearchPositions holds 1…4000,
            // the positions a bigram can start at (titles ≤ 300 characters, names ≤ 50), because triggers may not use
            // a recursive CTE.
            // Mind: a later migration that makes EF rebuild Proposals or Proposer on SQLite (a new foreign key, a changed
            // column) drops these triggers with the old table, and renaming the new one fails while a trigger names a
            // table that is gone: drop the triggers first and create them again after. Dated after every migration of
            // this release for that reason (ProposerRegistry rebuilds Proposer).
            migrationBuilder.Sql("CREATE TABLE ProposalSearchPositions (N INTEGER PRIMARY KEY);");
            migrationBuilder.Sql("""
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 4000)
                INSERT INTO ProposalSearchPositions (N) SELECT x FROM n;
                """);
            migrationBuilder.Sql("CREATE VIRTUAL TABLE ProposalSearch USING fts5(Terms, tokenize = 'unicode61');");
            migrationBuilder.Sql($"INSERT INTO ProposalSearch (rowid, Terms) {Terms("1 = 1")};");
            foreach (var (name, sql) in Triggers)
            {
                migrationBuilder.Sql($"CREATE TRIGGER {name} {sql}");
            }

            // hand-written: 第12号 typed into the search box also finds item number 12 of every session; with this index
            // SQLite answers "found by the words OR numbered 12" as two index lookups instead of reading every item.
            migrationBuilder.Sql("CREATE INDEX IX_Proposals_Number ON Proposals (Number);");

            // hand-written: 超期 and 临期 over every year (the boards link to them): the open states' deadlines, so that
            // "State IN (open states) AND Deadline < today" seeks per state instead of walking every past deadline.
            migrationBuilder.Sql("CREATE INDEX IX_Proposals_State_Deadline ON Proposals (State, Deadline);");
        }

        /// <summary>The search rows of the items that match <paramref name="where"/> (over Proposals p): the bigrams of the title and names.</summary>
        private static string Terms(string where) => $"""
            SELECT t.Id, (SELECT group_concat(substr(t.Text, s.N, 2), ' ') FROM ProposalSearchPositions s WHERE s.N <= length(t.Text))
            FROM (SELECT p.Id, p.Title || ' ' || IFNULL((SELECT group_concat(r.Name, ' ') FROM Proposer r WHERE r.ProposalId = p.Id), '') AS Text
                  FROM Proposals p WHERE {where}) t
            """;

        private static string Refresh(string id) =>
            $"DELETE FROM ProposalSearch WHERE rowid = {id}; INSERT INTO ProposalSearch (rowid, Terms) {Terms("p.Id = " + id)};";

        private static readonly (string Name, string Sql)[] Triggers =
        [
            ("ProposalSearch_ProposalInserted", $"AFTER INSERT ON Proposals BEGIN {Refresh("NEW.Id")} END;"),
            ("ProposalSearch_TitleChanged", $"AFTER UPDATE OF Title ON Proposals BEGIN {Refresh("NEW.Id")} END;"),
            ("ProposalSearch_ProposalDeleted", "AFTER DELETE ON Proposals BEGIN DELETE FROM ProposalSearch WHERE rowid = OLD.Id; END;"),
            ("ProposalSearch_ProposerInserted", $"AFTER INSERT ON Proposer BEGIN {Refresh("NEW.ProposalId")} END;"),
            ("ProposalSearch_ProposerChanged", $"AFTER UPDATE OF Name, ProposalId ON Proposer BEGIN {Refresh("OLD.ProposalId")} {Refresh("NEW.ProposalId")} END;"),
            ("ProposalSearch_ProposerDeleted", $"AFTER DELETE ON Proposer BEGIN {Refresh("OLD.ProposalId")} END;"),
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, _) in Triggers)
            {
                migrationBuilder.Sql($"DROP TRIGGER {name};");
            }

            migrationBuilder.Sql("DROP INDEX IX_Proposals_State_Deadline;");
            migrationBuilder.Sql("DROP INDEX IX_Proposals_Number;");
            migrationBuilder.Sql("DROP TABLE ProposalSearch;");
            migrationBuilder.Sql("DROP TABLE ProposalSearchPositions;");
        }
    }
}
