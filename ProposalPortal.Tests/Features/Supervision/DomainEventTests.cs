using ProposalPortal.Data;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Supervision;

/// <summary>
/// The item records what happened; the boards hear of it from those events once the save has committed: once per
/// step, for the sections before and after, and never for a refusal, a failed save or a rolled-back transaction.
/// Dispatch is synchronous after the commit, so "nothing heard" is asserted once the save has returned.
/// </summary>
public abstract class DomainEventTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);
    private TestPortal _portal = null!;
    private Scenario _world = null!;
    private readonly List<SupervisionChange> _heard = [];
    private readonly TaskCompletionSource<SupervisionChange> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;
    private int _id;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider);
        _world = await Scenario.CreateAsync(_portal);
        _id = await _world.StartedItemAsync(1, new DateOnly(2026, 11, 20));
        _subscription = _portal.Get<ISupervisionNotifier>().Subscribe(change =>
        {
            lock (_heard)
            {
                _heard.Add(change);
            }

            _first.TrySetResult(change);
            return Task.CompletedTask;
        });
    }

    public async Task DisposeAsync()
    {
        _subscription?.Dispose();
        await _portal.DisposeAsync();
    }

    [ProviderFact]
    public async Task MovingAnItemToAnotherSectionTellsBothSectionsOnce()
    {
        var planning = _world.Section.Id;
        var prices = _world.OtherSection.Id;
        await _world.StepAsync(_id, _world.Office, (p, c) => p.SetResponsibility(_world.Office, _world.Member(_world.OtherDeputy),
            _world.OtherSection, _world.Member(_world.OtherHandler), null, c));

        var change = await _first.Task.WaitAsync(Bounded);
        Assert.Single(_heard);
        Assert.Equal(SupervisionChangeKind.Step, change.Kind);
        Assert.Equal([_id], change.ProposalIds);
        Assert.Equal(new[] { planning, prices }.Order(), change.SectionIds.Order());
        Assert.StartsWith($"{_world.Office.Name}{WorkflowStep.SetResponsibility.ToChinese()}", change.Summary, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task AChaseIsOneChaseChangeForTheHandlersBell()
    {
        var item = await _world.FindAsync(_id);
        var result = await _portal.Scoped<ProposalService>().ChaseAsync(_id, item.Version, _world.Office, "请抓紧办理");
        Assert.True(result.IsOk, result.Error);

        var change = await _first.Task.WaitAsync(Bounded);
        Assert.Single(_heard);
        Assert.Equal(SupervisionChangeKind.Chase, change.Kind);
        Assert.Equal([_world.Handler.StaffId], change.NoticeRecipientIds);
        Assert.Equal([_world.Handler.SectionId!.Value], change.SectionIds);
    }

    [ProviderFact]
    public async Task ARefusedStepOrAFailedSavePublishesNothing()
    {
        var service = _portal.Scoped<ProposalService>();
        var item = await _world.FindAsync(_id);

        // Refused by the workflow: a section cannot accept.
        Assert.False((await service.ExecuteAsync(_id, item.Version, _world.Handler, (p, c) => p.Accept(_world.Handler, c))).IsOk);
        // Refused at the save: text with a control character.
        Assert.False((await service.ChaseAsync(_id, item.Version, _world.Office, "请抓紧\u0001办理")).IsOk);
        Assert.Empty(_heard);

        // Two saves of the same version: the second fails at the commit and is not heard.
        var context = await _portal.Get<WorkflowContextFactory>().CreateAsync();
        await using var first = _portal.Db();
        await using var second = _portal.Db();
        var a = await ProposalService.WithEverything(first.Proposals).SingleAsync(p => p.Id == _id);
        var b = await ProposalService.WithEverything(second.Proposals).SingleAsync(p => p.Id == _id);
        Assert.True(a.Chase(_world.Office, "第一次催办", context).IsOk);
        Assert.True(b.Chase(_world.Office, "第二次催办", context).IsOk);
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        var heard = Assert.Single(_heard);
        Assert.Equal(SupervisionChangeKind.Chase, heard.Kind);
    }

    [ProviderFact]
    public async Task InTheCallersTransactionTheBoardsHearOnlyOnCommit()
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

        Assert.Empty(_heard);

        await using (var db = _portal.Db())
        {
            await using var committed = await db.Database.BeginTransactionAsync();
            var item = await ProposalService.WithEverything(db.Proposals).SingleAsync(p => p.Id == _id);
            Assert.True(item.Chase(_world.Office, "提交的催办", context).IsOk);
            await db.SaveChangesAsync();
            Assert.Empty(_heard);
            await committed.CommitAsync();
        }

        Assert.Equal(SupervisionChangeKind.Chase, (await _first.Task.WaitAsync(Bounded)).Kind);
        Assert.Single(_heard);
    }
}

/// <summary><see cref="DomainEventTests"/> on SQLite.</summary>
public sealed class DomainEventTestsOnSqlite : DomainEventTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="DomainEventTests"/> on PostgreSQL.</summary>
public sealed class DomainEventTestsOnPostgreSql : DomainEventTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
