using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Notices;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

public sealed class ChaseAndJointHandlingServiceTests : IAsyncLifetime
{
    private TestPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await TestPortal.StartAsync(demo: true);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<Actor> ActorAsync(string name) => _portal.ActorAsync(name);

    private async Task<Proposal> ItemAsync(int number)
    {
        await using var db = _portal.Db();
        var id = await db.Proposals.Where(p => p.Year == 2026 && p.Number == number).Select(p => p.Id).SingleAsync();
        return (await _portal.Scoped<ProposalService>().FindAsync(id, await ActorAsync("尤四")))!;
    }

    [Fact]
    public async Task AChaseReachesTheHandlerAsANoticeAndStandsOnTheItem()
    {
        var item = await ItemAsync(33);
        var deputy = await ActorAsync("朱二");
        var handler = await ActorAsync("曹十");
        var notices = _portal.Scoped<NoticeService>();
        Assert.Equal(0, await notices.UnreadCountAsync(handler));

        var result = await _portal.Scoped<ProposalService>().ChaseAsync(item.Id, item.Version, deputy, "已超期,请于本周内报送答复稿");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1, await notices.UnreadCountAsync(handler));
        var notice = (await notices.LatestAsync(handler)).Single();
        Assert.Contains("朱二催办", notice.Text);
        Assert.Contains("已超期,请于本周内报送答复稿", notice.Text);
        var saved = await ItemAsync(33);
        Assert.Equal(("朱二", handler.StaffId), (saved.Chases.Single().ChasedByName, saved.Chases.Single().HandlerId));
        Assert.Equal(AuditAction.Chase, saved.AuditTrail[^1].Action);

        // Someone else cannot mark the handler's notice read; the handler can.
        await notices.MarkReadAsync(deputy, notice.Id);
        Assert.Equal(1, await notices.UnreadCountAsync(handler));
        await notices.MarkReadAsync(handler, notice.Id);
        Assert.Equal(0, await notices.UnreadCountAsync(handler));
    }

    [Fact]
    public async Task SectionStaffCannotChaseAndAnEmptyMessageIsRefused()
    {
        var item = await ItemAsync(33);
        var service = _portal.Scoped<ProposalService>();

        var bySection = await service.ChaseAsync(item.Id, item.Version, await ActorAsync("曹十"), "快办");
        var empty = await service.ChaseAsync(item.Id, item.Version, await ActorAsync("尤四"), " ");

        Assert.Equal("只有办公室或局领导可以催办", bySection.Error);
        Assert.Equal("请填写催办内容", empty.Error);
        Assert.Equal(0, await _portal.Scoped<NoticeService>().UnreadCountAsync(await ActorAsync("曹十")));
    }

    [Fact]
    public async Task LinkedItemsShareAGroupButKeepTheirOwnNumbersAndDeadlines()
    {
        var a = await ItemAsync(26);
        var b = await ItemAsync(5);
        var office = await ActorAsync("尤四");
        var joint = _portal.Scoped<JointHandlingService>();

        var result = await joint.LinkAsync([a.Id, b.Id], office);

        Assert.True(result.Succeeded, result.Error);
        var (a2, b2) = (await ItemAsync(26), await ItemAsync(5));
        Assert.NotNull(a2.JointGroupId);
        Assert.Equal(a2.JointGroupId, b2.JointGroupId);
        Assert.Equal((a.Deadline, b.Deadline), (a2.Deadline, b2.Deadline));
        var others = await joint.OthersAsync(a2);
        Assert.Equal(b.Id, Assert.Single(others).Id);
        Assert.Equal(AuditAction.JoinGroup, a2.AuditTrail[^1].Action);
        Assert.Contains("并案办理", a2.AuditTrail[^1].Comment);

        Assert.True((await joint.UnlinkAsync(b.Id, office)).Succeeded);
        Assert.Null((await ItemAsync(5)).JointGroupId);
        Assert.Null((await ItemAsync(26)).JointGroupId);
    }

    [Fact]
    public async Task LinkingIsAllOrNothingAndOfficeOnly()
    {
        var inProgress = await ItemAsync(26);
        var replied = await ItemAsync(47);
        var joint = _portal.Scoped<JointHandlingService>();

        var refused = await joint.LinkAsync([inProgress.Id, replied.Id], await ActorAsync("尤四"));
        var bySection = await joint.LinkAsync([inProgress.Id, (await ItemAsync(58)).Id], await ActorAsync("孔九"));
        var alone = await joint.LinkAsync([inProgress.Id], await ActorAsync("尤四"));

        Assert.Contains("不能并案办理", refused.Error);
        Assert.Contains("只有办公室可以并案办理", bySection.Error);
        Assert.Equal("并案办理至少需要两件", alone.Error);
        Assert.Null((await ItemAsync(26)).JointGroupId);
    }
}
