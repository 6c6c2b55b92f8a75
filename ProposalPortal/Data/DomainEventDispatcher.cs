using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Data;

/// <summary>What one committed save recorded: the items' events and the people who got a notice in it.</summary>
public sealed record CommittedEvents(IReadOnlyList<ProposalEvent> Events, IReadOnlyList<int> NoticeRecipientIds);

/// <summary>
/// Hears of the events of every committed save (the supervision boards, the public search index). Runs after the
/// commit: the step stands whatever the handler does, so a handler's failure is logged and does not reach the caller.
/// </summary>
public interface IProposalEventHandler
{
    Task HandleAsync(CommittedEvents committed, CancellationToken cancellationToken);
}

/// <summary>
/// Hears of the events just before the save that stores them, and adds what must be stored with the step in the same
/// transaction (the 催办 notice): it commits or fails with the step, so a step never stands without its notice.
/// </summary>
public interface IProposalEventSavingHandler
{
    void Handle(DbContext db, IReadOnlyList<ProposalEvent> events);
}

/// <summary>
/// Publishes the items' <see cref="Proposal.DomainEvents"/> after the save that stores them has committed, as
/// ardalis/CleanArchitecture's EventDispatcherInterceptor does. <see cref="PortalDbContext"/> saves a new audit entry in
/// its own transaction (text check, save, seal, commit), so "saved" is not yet "committed": the events wait for the
/// commit of that transaction, and a failed save or a rollback publishes nothing. A save without a transaction of its
/// own has committed when it returns.
/// </summary>
public sealed class DomainEventDispatcher(IEnumerable<IProposalEventSavingHandler> savingHandlers, IEnumerable<IProposalEventHandler> handlers,
    ILogger<DomainEventDispatcher> logger) : AfterCommitInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];
    // Events already given to the saving handlers: a save retried on the same context must not add a second notice.
    private readonly ConditionalWeakTable<ProposalEvent, object> _prepared = [];

    private sealed class Pending(CommittedEvents committed)
    {
        public CommittedEvents Committed { get; } = committed;
        public bool Saved { get; set; }
    }

    protected override void BeforeSave(DbContext? context)
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

        var fresh = events.Where(e => !_prepared.TryGetValue(e, out _)).ToList();
        if (fresh.Count > 0)
        {
            foreach (var handler in savingHandlers)
            {
                handler.Handle(context, fresh);
            }

            fresh.ForEach(e => _prepared.AddOrUpdate(e, e));
        }

        var recipients = context.ChangeTracker.Entries<Notice>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.RecipientId).Distinct().ToList();
        _pending.AddOrUpdate(context, new Pending(new CommittedEvents(events, recipients)));
    }

    protected override Task AfterSaveAsync(DbContext? context, CancellationToken cancellationToken)
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
        return context.Database.CurrentTransaction is null ? AfterCommitAsync(context, cancellationToken) : Task.CompletedTask;
    }

    protected override async Task AfterCommitAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || !pending.Saved)
        {
            return;
        }

        _pending.Remove(context);
        foreach (var handler in handlers)
        {
            // The step has committed: a failing handler cannot undo it, and must not make the caller believe it failed
            // (nor stop the other handlers). It is logged; what it missed is caught up elsewhere (the boards reload on
            // reconnect, the search index syncs lazily before a search).
            try
            {
                using var phase = Features.Common.SignOffTrace.Phase("after commit: " + handler.GetType().Name);
                await handler.HandleAsync(pending.Committed, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Domain event handler {Handler} failed after commit for items {Ids}", handler.GetType().Name,
                    string.Join(",", pending.Committed.Events.Select(x => x.Proposal.Id).Distinct()));
            }
        }
    }

    protected override void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
