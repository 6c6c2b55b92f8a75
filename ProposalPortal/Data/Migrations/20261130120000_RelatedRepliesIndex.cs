using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProposalPortal.Data.Migrations
{
    /// <summary>
    /// hand-written (issue 17, the item page's related replies): the items in the related replies' exact order (year and
    /// reply date newest first, the id breaking ties), then the section that section staff are tested against. Over common
    /// topics RelatedRepliesService.Search walks it newest first and stops after the ten it shows, where SQLite sorted every
    /// item of the year (for section staff every item) before taking ten. No model change: raw SQL (it holds the owned
    /// SectionId), the same plain index in both sets (the PostgreSQL set's RelatedRepliesIndex).
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261130120000_RelatedRepliesIndex")]
    public partial class RelatedRepliesIndex : Migration
    {
        /// <summary>The index, as both sets create it.</summary>
        internal const string Create =
            "CREATE INDEX \"IX_Proposals_Related\" ON \"Proposals\" (\"Year\" DESC, \"RepliedOn\" DESC, \"Id\", \"SectionId\");";

        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Create);

        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Proposals_Related\";");
    }
}
