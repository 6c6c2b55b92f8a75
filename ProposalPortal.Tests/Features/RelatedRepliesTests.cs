using ProposalPortal.Data;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

public abstract class RelatedRepliesTests
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    [ProviderFact]
    public async Task DraftingOnChargingShowsThe2022KeyReplyAndItsUnkeptPromise()
    {
        await using var portal = await TestPortal.StartAsync(provider: Provider, demo: true);
        await using var db = portal.Db();
        var id = await db.Proposals.Where(p => p.Year == 2026 && p.Number == 26).Select(p => p.Id).SingleAsync();
        var office = Actor.For(await db.Staff.SingleAsync(s => s.Name == "尤四"), []);
        var item = (await portal.Scoped<ProposalService>().FindAsync(id, office))!;

        var related = await portal.Scoped<RelatedRepliesService>().ForAsync(item, office);

        Assert.All(related, r => Assert.Contains("充电桩及新能源建设", r.SharedTopics));
        Assert.DoesNotContain(related, r => r.ProposalId == id);
        var key = Assert.Single(related, r => r.Designation == "市政协十届一次会议第199号提案");
        Assert.StartsWith("楚市发改复〔2022〕", key.DocumentNumber);
        var promise = Assert.Single(key.Commitments);
        Assert.True(promise.IsLate, "the 2023 promise is still open in 2026 and must show as late");
        Assert.Equal(related.OrderByDescending(r => r.Year).Select(r => r.Year), related.Select(r => r.Year));
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
