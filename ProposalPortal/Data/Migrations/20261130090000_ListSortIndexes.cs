using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <summary>
    /// hand-written (issue 17, the item list's first page ≤ 10 ms for every filter): the indexes ListPlan reads the list
    /// through. One per sort, in that sort's exact ORDER BY (the id breaking ties; a descending sort has its own, as its ties
    /// stay in ascending id order), followed by every filtered column: a page over many matches walks it in order, tests the
    /// filter inside the index and reads a row only to show it, so it stops after 20 rows instead of sorting 90,000. Then
    /// the filtered columns fewest values first, which counts any filter as a few seeks; and by id, which looks up what the
    /// search words found without reading whole rows. No model change: raw SQL (they hold the owned SectionId), the same
    /// plain indexes in both sets (the PostgreSQL set's ListSortIndexes).
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261130090000_ListSortIndexes")]
    public partial class ListSortIndexes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, columns) in ListIndexes.All)
            {
                migrationBuilder.Sql($"CREATE INDEX \"{name}\" ON \"Proposals\" ({columns});");
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, _) in ListIndexes.All)
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"{name}\";");
            }
        }
    }

    /// <summary>The item list's indexes (migration ListSortIndexes of both sets), by name and columns.</summary>
    internal static class ListIndexes
    {
        /// <summary>Every column the list filters on, after the sort's own.</summary>
        private const string Filtered = "\"Year\", \"Kind\", \"Level\", \"Role\", \"IsKey\", \"State\", \"SectionId\", \"Deadline\", \"Number\"";

        public static readonly (string Name, string Columns)[] All =
        [
            ("IX_Proposals_List_Deadline", $"\"Deadline\", \"Id\", {Filtered}"),
            ("IX_Proposals_List_DeadlineDesc", $"\"Deadline\" DESC, \"Id\", {Filtered}"),
            ("IX_Proposals_List_Number", $"\"Session\", \"Number\", {Filtered}"),
            ("IX_Proposals_List_Assigned", $"\"AssignedOn\", \"Id\", {Filtered}"),
            ("IX_Proposals_List_AssignedDesc", $"\"AssignedOn\" DESC, \"Id\", {Filtered}"),
            ("IX_Proposals_List_Title", $"\"Title\", \"Id\", {Filtered}"),
            ("IX_Proposals_List_TitleDesc", $"\"Title\" DESC, \"Id\", {Filtered}"),
            ("IX_Proposals_List_Facts", "\"Kind\", \"Level\", \"Role\", \"IsKey\", \"State\", \"SectionId\", \"Year\", \"Deadline\""),
            ("IX_Proposals_List_Id", $"\"Id\", {Filtered}"),
        ];
    }
}
