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
        Assert.Equal(2, commands.Count);
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
