using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Notices;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

public abstract class ChaseAndJointHandlingServiceTests : IAsyncLifetime
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

    // 五定 left the handler a 交办 notice (NoticeChannelTests): read, so that the counts here are the chase's alone.
    private async Task ReadStepNoticesAsync(ProposalPortal.Domain.Workflow.Actor person)
    {
        var notices = _portal.Scoped<NoticeService>();
        foreach (var notice in await notices.LatestAsync(person))
        {
            await notices.MarkReadAsync(person, notice.Id);
        }
    }

    private async Task<Proposal> ItemAsync(int id) => (await _portal.Scoped<ProposalService>().FindAsync(id, _scenario.Office))!;

    [ProviderFact]
    public async Task AChaseReachesTheHandlerAsANoticeAndStandsOnTheItem()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var deputy = _scenario.Deputy;
        var handler = _scenario.Handler;
        var notices = _portal.Scoped<NoticeService>();
        await ReadStepNoticesAsync(handler);
        Assert.Equal(0, await notices.UnreadCountAsync(handler));

        var result = await _portal.Scoped<ProposalService>().ChaseAsync(item.Id, item.Version, deputy, "已超期，请于本周内报送答复稿");

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(1, await notices.UnreadCountAsync(handler));
        var notice = (await notices.LatestAsync(handler)).Single(n => !n.IsRead);
        Assert.Contains($"{deputy.Name}催办", notice.Text);
        Assert.Contains("已超期，请于本周内报送答复稿", notice.Text);
        var saved = await ItemAsync(item.Id);
        Assert.Equal((deputy.Name, handler.StaffId), (saved.Chases.Single().ChasedByName, saved.Chases.Single().HandlerId));
        Assert.Equal(AuditAction.Chase, saved.AuditTrail[^1].Action);

        // Someone else cannot mark the handler's notice read; the handler can.
        await notices.MarkReadAsync(deputy, notice.Id);
        Assert.Equal(1, await notices.UnreadCountAsync(handler));
        await notices.MarkReadAsync(handler, notice.Id);
        Assert.Equal(0, await notices.UnreadCountAsync(handler));
    }

    [ProviderFact]
    public async Task SectionStaffCannotChaseAndAnEmptyMessageIsRefused()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var service = _portal.Scoped<ProposalService>();
        await ReadStepNoticesAsync(_scenario.Handler);

        var bySection = await service.ChaseAsync(item.Id, item.Version, _scenario.Handler, "快办");
        var empty = await service.ChaseAsync(item.Id, item.Version, _scenario.Office, " ");

        Assert.Equal("只有办公室或局领导可以催办", bySection.Error);
        Assert.Equal("请填写催办内容", empty.Error);
        Assert.Equal(0, await _portal.Scoped<NoticeService>().UnreadCountAsync(_scenario.Handler));
    }

    [ProviderFact]
    public async Task LinkedItemsShareAGroupButKeepTheirOwnNumbersAndDeadlines()
    {
        var a = await _scenario.ItemAsync(ProposalState.InProgress);
        var b = await _scenario.ItemAsync(ProposalState.Accepted);
        var office = _scenario.Office;
        var joint = _portal.Scoped<JointHandlingService>();

        var result = await joint.LinkAsync([a.Id, b.Id], office);

        Assert.True(result.IsOk, result.Error);
        var (a2, b2) = (await ItemAsync(a.Id), await ItemAsync(b.Id));
        Assert.NotNull(a2.JointGroupId);
        Assert.Equal(a2.JointGroupId, b2.JointGroupId);
        Assert.Equal((a.Deadline, b.Deadline), (a2.Deadline, b2.Deadline));
        var others = await joint.OthersAsync(a2);
        Assert.Equal(b.Id, Assert.Single(others).Id);
        Assert.Equal(AuditAction.JoinGroup, a2.AuditTrail[^1].Action);
        Assert.Contains("并案办理", a2.AuditTrail[^1].Comment);

        Assert.True((await joint.UnlinkAsync(b.Id, office)).IsOk);
        Assert.Null((await ItemAsync(b.Id)).JointGroupId);
        Assert.Null((await ItemAsync(a.Id)).JointGroupId);
    }

    [ProviderFact]
    public async Task LinkingIsAllOrNothingAndOfficeOnly()
    {
        var inProgress = await _scenario.ItemAsync(ProposalState.InProgress);
        // Returned within the return window (a day after assignment): past handling, no longer joinable.
        var returned = await _scenario.ItemAsync(ProposalState.Returned, daysAgo: 1);
        var joint = _portal.Scoped<JointHandlingService>();

        var refused = await joint.LinkAsync([inProgress.Id, returned.Id], _scenario.Office);
        var bySection = await joint.LinkAsync([inProgress.Id, (await _scenario.ItemAsync(ProposalState.InProgress)).Id], _scenario.Handler);
        var alone = await joint.LinkAsync([inProgress.Id], _scenario.Office);

        Assert.Contains("不能并案办理", refused.Error);
        Assert.Contains("只有办公室可以并案办理", bySection.Error);
        Assert.Equal("并案办理至少需要两件", alone.Error);
        Assert.Null((await ItemAsync(inProgress.Id)).JointGroupId);
    }
}

/// <summary><see cref="ChaseAndJointHandlingServiceTests"/> on SQLite.</summary>
public sealed class ChaseAndJointHandlingServiceTestsOnSqlite : ChaseAndJointHandlingServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="ChaseAndJointHandlingServiceTests"/> on PostgreSQL.</summary>
public sealed class ChaseAndJointHandlingServiceTestsOnPostgreSql : ChaseAndJointHandlingServiceTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
