using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

public abstract class RelatedRepliesTests
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    [ProviderFact]
    public async Task DraftingShowsEarlierRepliesOnTheSameTopicNewestFirstWithTheirUnkeptPromise()
    {
        await using var portal = await TestPortal.StartAsync(provider: Provider);
        var scenario = await Scenario.CreateAsync(portal);
        // A key reply of 2023 that promised something for the end of 2023, a reply of 2025, and this year's item in hand.
        var old = await scenario.SignedItemAsync(daysAgo: 1400, key: true, published: true);
        await scenario.StepAsync(old.Id, scenario.Handler, (p, c) => p.AddCommitment(scenario.Handler, "年内建成公共充电站", scenario.Section.Id,
            scenario.Handler.Name, new DateOnly(2023, 12, 31), c));
        var recent = await scenario.SignedItemAsync(daysAgo: 300, published: true);
        var item = await scenario.ItemAsync(ProposalState.InProgress);

        var related = await portal.Scoped<RelatedRepliesService>().ForAsync(item, scenario.Office);

        Assert.All(related, r => Assert.Contains("测试主题", r.SharedTopics));
        Assert.DoesNotContain(related, r => r.ProposalId == item.Id);
        var key = Assert.Single(related, r => r.ProposalId == old.Id);
        Assert.Equal(old.Designation, key.Designation);
        Assert.Equal(old.CurrentReply!.DocumentNumber, key.DocumentNumber);
        Assert.StartsWith("楚市发改复〔", key.DocumentNumber);
        var promise = Assert.Single(key.Commitments);
        Assert.True(promise.IsLate, "the 2023 promise is still open in 2026 and must show as late");
        Assert.Contains(related, r => r.ProposalId == recent.Id);
        Assert.Equal(related.OrderByDescending(r => r.Year).Select(r => r.Year), related.Select(r => r.Year));
    }

    [ProviderFact]
    public async Task TheSearchForEarlierRepliesRunsOnceAndTheRepliesFoundAreReadByKey()
    {
        await using var portal = await TestPortal.StartAsync(provider: Provider);
        var scenario = await Scenario.CreateAsync(portal);
        var old = await scenario.SignedItemAsync(daysAgo: 1400, published: true);
        await scenario.StepAsync(old.Id, scenario.Handler, (p, c) => p.AddCommitment(scenario.Handler, "年内建成公共充电站", scenario.Section.Id,
            scenario.Handler.Name, new DateOnly(2023, 12, 31), c));
        var item = await scenario.ItemAsync(ProposalState.InProgress);
        var service = portal.Scoped<RelatedRepliesService>();

        IReadOnlyList<RelatedReply> related = [];
        var commands = await SqlCommandRecorder.RecordAsync(async () => related = await service.ForAsync(item, scenario.Office));

        // Every item page runs this: over ten years of items, the search (items of these topics with a signed letter,
        // newest first) is the costly part, and a split query repeated it for the topics, replies and promises.
        var found = Assert.Single(related, r => r.ProposalId == old.Id);
        Assert.Single(found.Commitments);
        Assert.Single(commands, c => c.Sql.Contains("EXISTS", StringComparison.Ordinal));
        // On SQLite a count of the topics' rows (capped) first, which picks how the search runs (RelatedRepliesService.Search).
        Assert.Equal(Provider == DatabaseProvider.Sqlite ? 3 : 2, commands.Count);
    }

    [ProviderFact]
    public async Task EveryWayOfSearchingFindsTheSameRepliesInTheSameOrderForEachViewer()
    {
        await using var portal = await TestPortal.StartAsync(provider: Provider);
        var scenario = await Scenario.CreateAsync(portal);
        // Earlier signed replies over four years (2023–2026; every one signed today, 2026-11-28), in both sections, published
        // or not; one on the item's second topic only; and items that never match (not signed, another topic).
        var old = await scenario.SignedItemAsync(daysAgo: 1400, published: true);
        var otherUnpublished = await scenario.SignedItemAsync(daysAgo: 800);
        var otherPublished = await scenario.SignedItemAsync(daysAgo: 400, published: true);
        var ownUnpublished = await scenario.SignedItemAsync(daysAgo: 300);
        var repliedEarlier = await scenario.SignedItemAsync(daysAgo: 20, published: true);
        var repliedLater = await scenario.SignedItemAsync(daysAgo: 15, published: true);
        var sameDay = await scenario.SignedItemAsync(daysAgo: 12); // signed the same day as the two before it
        var secondTopic = await scenario.SignedItemAsync(daysAgo: 500, published: true);
        var otherTopic = await scenario.SignedItemAsync(daysAgo: 30, published: true);
        var notSigned = await scenario.ItemAsync(ProposalState.InProgress, daysAgo: 40);
        var item = await scenario.ItemAsync(ProposalState.InProgress);
        await using (var db = portal.Db())
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE \"Proposals\" SET \"SectionId\" = {scenario.OtherSection.Id} WHERE \"Id\" IN ({otherUnpublished.Id}, {otherPublished.Id})");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"ProposalTopic\" SET \"Name\" = {"第二主题"} WHERE \"ProposalId\" = {secondTopic.Id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"ProposalTopic\" SET \"Name\" = {"别的主题"} WHERE \"ProposalId\" = {otherTopic.Id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO \"ProposalTopic\" (\"Name\", \"ProposalId\") VALUES ({"第二主题"}, {item.Id})");
            // Signed the same day, the earlier item replied to later: the reply date orders them, not the id.
            var earlier = await db.Proposals.SingleAsync(p => p.Id == repliedEarlier.Id);
            db.Entry(earlier).Property(p => p.RepliedOn).CurrentValue = portal.Clock.Today.AddDays(-3);
            await db.SaveChangesAsync();
        }

        item = await scenario.FindAsync(item.Id);
        var topics = item.Topics.Select(t => t.Name).ToList();
        var service = portal.Scoped<RelatedRepliesService>();
        var viewers = new[] { scenario.Office, scenario.Director, scenario.Handler, scenario.OtherHandler };
        foreach (var viewer in viewers)
        {
            foreach (var max in new[] { 10, 3 })
            {
                await using var db = portal.Db();
                var expected = await TheSearchAsWritten(db, item.Id, topics, viewer, max);
                var found = (await service.ForAsync(item, viewer, max)).Select(r => r.ProposalId).ToList();
                Assert.Equal(expected, found);
                if (Provider == DatabaseProvider.Sqlite)
                {
                    // Both of SQLite's ways: from the topic rows, sorted; and the index walked newest first.
                    Assert.Equal(expected, await RelatedRepliesService.Search(db, item.Id, topics, viewer, max, topicRows: 1).ToListAsync());
                    Assert.Equal(expected, await RelatedRepliesService.Search(db, item.Id, topics, viewer, max,
                        topicRows: RelatedRepliesService.SortTopicRowsUpTo + 1).ToListAsync());
                }
            }
        }

        // What each viewer sees: everything for the Office, and for section staff their section's and the published ones;
        // newest year first, then the latest reply date (repliedEarlier was signed first but dated back), then the id.
        await using (var db = portal.Db())
        {
            Assert.Equal([ownUnpublished.Id, repliedLater.Id, sameDay.Id, repliedEarlier.Id, otherPublished.Id, secondTopic.Id,
                otherUnpublished.Id, old.Id], await TheSearchAsWritten(db, item.Id, topics, scenario.Office, 10));
            Assert.Equal([ownUnpublished.Id, repliedLater.Id, sameDay.Id, repliedEarlier.Id, otherPublished.Id, secondTopic.Id, old.Id],
                await TheSearchAsWritten(db, item.Id, topics, scenario.Handler, 10));
            Assert.Equal([repliedLater.Id, repliedEarlier.Id, otherPublished.Id, secondTopic.Id, otherUnpublished.Id, old.Id],
                await TheSearchAsWritten(db, item.Id, topics, scenario.OtherHandler, 10));
        }

        Assert.DoesNotContain(notSigned.Id, (await service.ForAsync(item, scenario.Office)).Select(r => r.ProposalId));
    }

    /// <summary>The search as it read before issue 17 (the plain LINQ, no way chosen): what every way must find.</summary>
    private static Task<List<int>> TheSearchAsWritten(PortalDbContext db, int id, List<string> topics, Actor viewer, int max)
    {
        var query = db.Proposals.AsNoTracking()
            .Where(p => p.Id != id && p.Topics.Any(t => topics.Contains(t.Name))
                && p.Replies.Any(r => r.Kind == ReplyKind.Letter && r.SignedAt != null));
        if (!viewer.SeesEverything)
        {
            var own = viewer.SectionId ?? -1;
            query = query.Where(p => (p.Responsibility != null && p.Responsibility.SectionId == own)
                || p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.SignedAt != null)
                    .OrderByDescending(r => r.Round).Select(r => r.PublishedAt != null).FirstOrDefault());
        }

        return query.OrderByDescending(p => p.Year).ThenByDescending(p => p.RepliedOn).ThenBy(p => p.Id)
            .Take(max).Select(p => p.Id).ToListAsync();
    }
}

/// <summary><see cref="RelatedRepliesTests"/> on SQLite.</summary>
public sealed class RelatedRepliesTestsOnSqlite : RelatedRepliesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="RelatedRepliesTests"/> on PostgreSQL.</summary>
public sealed class RelatedRepliesTestsOnPostgreSql : RelatedRepliesTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>
/// The item page's related replies stay fast at 100,000 items (issue 17; BENCHMARKS.md, session 8): guarded by SQLite's plan,
/// without timing anything. SQLite has no statistics here, so the plan over a test's few items is its plan over the
/// benchmark database.
/// </summary>
public sealed class RelatedRepliesQueryPlanTests
{
    /// <summary>A step that reads the whole Proposals table row by row (not an index, not by id).</summary>
    private static readonly Regex FullTableScan = new(@"^SCAN (p|Proposals)\b(?!.*\bUSING\b)", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OverCommonTopicsTheSearchWalksItsIndexNewestFirstAndStopsAtTheLastReplyShown(bool sectionStaff)
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var old = await scenario.SignedItemAsync(daysAgo: 400, published: true);
        var item = await scenario.ItemAsync(ProposalState.InProgress);
        var viewer = sectionStaff ? scenario.Handler : scenario.Office;
        await using var db = portal.Db();
        // More rows of the item's topic than SortTopicRowsUpTo (here all on one earlier item: the count is all that differs).
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {RelatedRepliesService.SortTopicRowsUpTo})
            INSERT INTO "ProposalTopic" ("Name", "ProposalId") SELECT '测试主题', {old.Id} FROM n
            """);
        var service = portal.Scoped<RelatedRepliesService>();

        IReadOnlyList<RelatedReply> related = [];
        var commands = await SqlCommandRecorder.RecordAsync(async () => related = await service.ForAsync(item, viewer));

        Assert.Equal(old.Id, Assert.Single(related).ProposalId);
        // The count of the topics' rows, the search, the replies found read by key.
        Assert.Equal(3, commands.Count);
        // The index in the search's own order, every test a seek per entry (the topic, the signed letter, for section staff
        // the section inside the index or that letter published), so it stops after ten: no sort of every match, and no
        // row of Proposals read at all.
        var plan = await SqlCommandRecorder.ExplainAsync(db, commands[1]);
        Assert.Equal($"SCAN p USING COVERING INDEX {RelatedRepliesService.Index}", plan[0]);
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => FullTableScan.IsMatch(step));
        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX IX_ProposalTopic_ProposalId_Name (ProposalId=? AND Name=?)", StringComparison.Ordinal));
        var letters = plan.Count(step => step.Contains("USING COVERING INDEX IX_Reply_ProposalId_Kind_Round_SignedAt_Category_PublishedAt (ProposalId=? AND Kind=?)", StringComparison.Ordinal));
        Assert.Equal(sectionStaff ? 2 : 1, letters);
        Assert.Equal(1 + 1 + letters, plan.Count(step => step.StartsWith("SCAN", StringComparison.Ordinal) || step.Contains("SEARCH", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OverRareTopicsTheSearchStartsFromTheirRowsAndReadsNoOtherItem(bool sectionStaff)
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var old = await scenario.SignedItemAsync(daysAgo: 400, published: true);
        var item = await scenario.ItemAsync(ProposalState.InProgress);
        var viewer = sectionStaff ? scenario.Handler : scenario.Office;
        var service = portal.Scoped<RelatedRepliesService>();

        IReadOnlyList<RelatedReply> related = [];
        var commands = await SqlCommandRecorder.RecordAsync(async () => related = await service.ForAsync(item, viewer));

        Assert.Equal(old.Id, Assert.Single(related).ProposalId);
        // The topics' rows counted (up to the cap, in their index), the search, the replies found read by key.
        Assert.Equal(3, commands.Count);
        await using var db = portal.Db();
        var count = await SqlCommandRecorder.ExplainAsync(db, commands[0]);
        Assert.EndsWith("USING COVERING INDEX IX_ProposalTopic_Name (Name=?)", Assert.Single(count, step => step.StartsWith("SEARCH", StringComparison.Ordinal)));
        // (SCAN p0 reads the capped subquery's own rows, not a table.)
        Assert.All(count.Where(step => step.StartsWith("SCAN", StringComparison.Ordinal)), step => Assert.Equal("SCAN p0", step));
        // The items of those rows looked up by id, tested, and only they sorted: no walk over the items.
        var search = await SqlCommandRecorder.ExplainAsync(db, commands[1]);
        Assert.Equal("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)", search[0]);
        Assert.Contains(search, step => step.Contains("USING INDEX IX_ProposalTopic_Name (Name=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(search, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        var load = await SqlCommandRecorder.ExplainAsync(db, commands[2]);
        Assert.DoesNotContain(load, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }
}
