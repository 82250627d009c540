using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Wakes this process's relay right after a commit that stored events: after <c>SaveChanges</c> when it ran in its own
/// transaction, after the commit when the caller opened one. Other replicas hear of it through NOTIFY.
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalIfCommitted(eventData?.Context, committed: eventData?.Context?.Database.CurrentTransaction is null);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData?.Context, committed: eventData?.Context?.Database.CurrentTransaction is null);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        SignalIfCommitted(eventData?.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData?.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData?.Context is MessagingDbContext context)
        {
            context.HasUnsignalledEvents = false;
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void SignalIfCommitted(Microsoft.EntityFrameworkCore.DbContext? context, bool committed)
    {
        if (committed && context is MessagingDbContext { HasUnsignalledEvents: true } messaging)
        {
            messaging.HasUnsignalledEvents = false;
            signal.Notify();
        }
    }
}
