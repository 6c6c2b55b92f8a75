using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ProposalPortal.Data;
using ProposalPortal.Features.Notices;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Events;

/// <summary>
/// The 催办 notice comes from the Chased event, not from the service: a chase saved straight from the aggregate leaves
/// the handler's notice, in the same transaction (a rolled-back chase leaves none). A handler that fails after the
/// commit does not undo the chase nor fail the save, and the handlers after it still run.
/// </summary>
public sealed class ChaseNoticeHandlerTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Scenario _world = null!;
    private int _id;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _world = await Scenario.CreateAsync(_portal);
        _id = await _world.StartedItemAsync(1, new DateOnly(2026, 11, 20));
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AChaseSavedFromTheItemLeavesItsNoticeOnlyWhenItCommits()
    {
        var context = await _portal.Get<WorkflowContextFactory>().CreateAsync();
        await using (var db = _portal.Db())
        {
            await using var rolledBack = await db.Database.BeginTransactionAsync();
            var item = await ProposalService.WithEverything(db.Proposals).SingleAsync(p => p.Id == _id);
            Assert.True(item.Chase(_world.Office, "不会提交的催办", context).IsOk);
            await db.SaveChangesAsync();
            await rolledBack.RollbackAsync();
        }

        await using (var db = _portal.Db())
        {
            Assert.Empty(await db.Notices.Where(n => n.ProposalId == _id && n.Kind == NoticeKind.Chase).ToListAsync());
        }

        await using (var db = _portal.Db())
        {
            // No service involved: only the event handler can write the notice.
            var item = await ProposalService.WithEverything(db.Proposals).SingleAsync(p => p.Id == _id);
            Assert.True(item.Chase(_world.Office, "  请本周内答复  ", context).IsOk);
            await db.SaveChangesAsync();
        }

        await using (var check = _portal.Db())
        {
            var notice = Assert.Single(await check.Notices.Where(n => n.ProposalId == _id && n.Kind == NoticeKind.Chase).ToListAsync());
            Assert.Equal(_world.Handler.StaffId, notice.RecipientId);
            Assert.Equal(NoticeKind.Chase, notice.Kind);
            Assert.EndsWith("催办" + (await _world.FindAsync(_id)).Designation + "：请本周内答复", notice.Text);
            Assert.StartsWith(_world.Office.Name, notice.Text);
        }
    }

    [Fact]
    public async Task AHandlerFailingAfterTheCommitLeavesTheChaseAndItsNoticeStanding()
    {
        var heard = new Recording();
        var dispatcher = new DomainEventDispatcher([new ChaseNoticeHandler()], [new Failing(), heard], NullLogger<DomainEventDispatcher>.Instance);
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={_portal.DatabasePath}")
            .AddInterceptors(dispatcher).Options;
        var context = await _portal.Get<WorkflowContextFactory>().CreateAsync();
        await using (var db = new PortalDbContext(options))
        {
            var item = await ProposalService.WithEverything(db.Proposals).SingleAsync(p => p.Id == _id);
            Assert.True(item.Chase(_world.Office, "请抓紧办理", context).IsOk);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, heard.Count);
        await using var check = _portal.Db();
        Assert.Single((await ProposalService.WithEverything(check.Proposals).SingleAsync(p => p.Id == _id)).Chases);
        Assert.Single(await check.Notices.Where(n => n.ProposalId == _id && n.Kind == NoticeKind.Chase).ToListAsync());
    }

    private sealed class Failing : IProposalEventHandler
    {
        public Task HandleAsync(CommittedEvents committed, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("索引不可用");
    }

    private sealed class Recording : IProposalEventHandler
    {
        public int Count { get; private set; }

        public Task HandleAsync(CommittedEvents committed, CancellationToken cancellationToken)
        {
            Count++;
            return Task.CompletedTask;
        }
    }
}
