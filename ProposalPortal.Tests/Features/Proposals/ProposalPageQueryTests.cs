using ProposalPortal.Data;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Attachments;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Proposals;

/// <summary>The item page's read model: one load, a fixed number of SQL commands however long the item's history.</summary>
public abstract class ProposalPageQueryTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;

    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider);
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [ProviderFact]
    public async Task MoreCommunicationsAndAttachmentsCostNoMoreQueries()
    {
        // An item being drafted: the page also reads the related replies (an earlier reply on the same topic), the
        // heaviest case short of evaluation.
        await _scenario.ItemAsync(ProposalState.Closed, daysAgo: 60);
        var id = (await _scenario.ItemAsync(ProposalState.InProgress)).Id;
        var handler = _scenario.Handler;

        var query = _portal.Scoped<ProposalPageQuery>();
        await query.LoadAsync(id, handler); // the working-day calendar is read once and cached for the process
        var (before, commandsBefore) = await SqlCommandCounter.CountAsync(() => query.LoadAsync(id, handler));

        await AddHistoryAsync(id, handler, communications: 6, attachments: 4);
        var (after, commandsAfter) = await SqlCommandCounter.CountAsync(() => query.LoadAsync(id, handler));

        Assert.Equal(before!.Proposal.Communications.Count + 6, after!.Proposal.Communications.Count);
        Assert.Equal(before.Proposal.Attachments.Count + 4, after.Proposal.Attachments.Count);
        Assert.Equal(before.Timeline.Count + 6 + 4, after.Timeline.Count); // each communication, and each upload's audit line
        Assert.Equal(commandsBefore, commandsAfter);
        // The item in one split query (11), names (2), related replies (4), signed letters (1: the item is not read again).
        Assert.InRange(commandsAfter, 1, 18);
    }

    [ProviderFact]
    public async Task SomeoneWhoMayNotSeeTheItemGetsNoPage()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);

        Assert.NotNull(await _portal.Scoped<ProposalPageQuery>().LoadAsync(item.Id, _scenario.Handler));
        Assert.Null(await _portal.Scoped<ProposalPageQuery>().LoadAsync(item.Id, _scenario.OtherHandler));
    }

    private async Task AddHistoryAsync(int id, Actor handler, int communications, int attachments)
    {
        var proposals = _portal.Scoped<ProposalService>();
        var store = _portal.Scoped<AttachmentStore>();
        for (var i = 0; i < communications; i++)
        {
            var version = (await proposals.FindAsync(id, handler))!.Version;
            var result = await proposals.ExecuteAsync(id, version, handler, (p, c) =>
                p.LogCommunication(handler, CommunicationStage.During, CommunicationMethod.Phone, c.Today, "提出人", $"第{i + 1}次电话沟通", c));
            Assert.True(result.IsOk, result.Error);
        }

        for (var i = 0; i < attachments; i++)
        {
            var version = (await proposals.FindAsync(id, handler))!.Version;
            using var content = new MemoryStream("%PDF-1.4 附件"u8.ToArray());
            var result = await store.AddAsync(id, version, handler, $"调研材料{i + 1}.pdf", content.Length, content);
            Assert.True(result.IsOk, result.Error);
        }
    }
}

/// <summary><see cref="ProposalPageQueryTests"/> on SQLite.</summary>
public sealed class ProposalPageQueryTestsOnSqlite : ProposalPageQueryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="ProposalPageQueryTests"/> on PostgreSQL.</summary>
public sealed class ProposalPageQueryTestsOnPostgreSql : ProposalPageQueryTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
