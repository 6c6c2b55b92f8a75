using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProposalPortal.Data;

/// <summary>
/// The plumbing of an interceptor that acts once a save has committed: it notes what the save holds before it runs,
/// hears that the save went through (which has committed unless a transaction of the context's own is open), hears
/// that transaction's commit, and forgets what it noted when the save or the transaction fails or rolls back. The
/// sync and async paths of EF Core both end in the four steps below, so a subclass says only what it does at each.
/// </summary>
public abstract class AfterCommitInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Before the save: note what it holds (the changes are still in the change tracker).</summary>
    protected abstract void BeforeSave(DbContext? context);

    /// <summary>The save went through; committed already when <paramref name="context"/> has no transaction open.</summary>
    protected abstract Task AfterSaveAsync(DbContext? context, CancellationToken cancellationToken);

    /// <summary>The context's own transaction committed.</summary>
    protected abstract Task AfterCommitAsync(DbContext? context, CancellationToken cancellationToken);

    /// <summary>The save or its transaction failed or rolled back: nothing noted may act.</summary>
    protected abstract void Forget(DbContext? context);

    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeforeSave(eventData.Context);
        return result;
    }

    public sealed override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        BeforeSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public sealed override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSaveAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public sealed override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        await AfterSaveAsync(eventData.Context, cancellationToken);
        return result;
    }

    public sealed override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public sealed override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        AfterCommitAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken) => AfterCommitAsync(eventData.Context, cancellationToken);

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
}
