using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Data;

/// <summary>What one committed save recorded: the items' events and the people who got a notice in it.</summary>
public sealed record CommittedEvents(IReadOnlyList<ProposalEvent> Events, IReadOnlyList<int> NoticeRecipientIds);

/// <summary>Hears of the events of every committed save (the supervision notifier, and more to come).</summary>
public interface IProposalEventHandler
{
    Task HandleAsync(CommittedEvents committed, CancellationToken cancellationToken);
}

/// <summary>
/// Publishes the items' <see cref="Proposal.DomainEvents"/> after the save that stores them has committed, as
/// ardalis/CleanArchitecture's EventDispatcherInterceptor does. <see cref="PortalDbContext"/> saves a new audit entry in
/// its own transaction (text check, save, seal, commit), so "saved" is not yet "committed": the events wait for the
/// commit of that transaction, and a failed save or a rollback publishes nothing. A save without a transaction of its
/// own has committed when it returns.
/// </summary>
public sealed class DomainEventDispatcher(IEnumerable<IProposalEventHandler> handlers) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    private sealed class Pending(CommittedEvents committed)
    {
        public CommittedEvents Committed { get; } = committed;
        public bool Saved { get; set; }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SavedAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        await SavedAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        CommittedAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken) => CommittedAsync(eventData.Context, cancellationToken);

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData,
        CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var events = context.ChangeTracker.Entries<Proposal>().SelectMany(e => e.Entity.DomainEvents).ToList();
        if (events.Count == 0)
        {
            _pending.Remove(context);
            return;
        }

        var recipients = context.ChangeTracker.Entries<Notice>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.RecipientId).Distinct().ToList();
        _pending.AddOrUpdate(context, new Pending(new CommittedEvents(events, recipients)));
    }

    private Task SavedAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return Task.CompletedTask;
        }

        pending.Saved = true;
        foreach (var proposal in pending.Committed.Events.Select(e => e.Proposal).Distinct())
        {
            proposal.ClearDomainEvents();
        }

        // Inside a transaction (PortalDbContext's own or the caller's) the commit is still to come.
        return context.Database.CurrentTransaction is null ? CommittedAsync(context, cancellationToken) : Task.CompletedTask;
    }

    private async Task CommittedAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || !pending.Saved)
        {
            return;
        }

        _pending.Remove(context);
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(pending.Committed, cancellationToken);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
