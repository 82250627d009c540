using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Wakes the relay right after a commit that stored events: after <c>SaveChanges</c> when it ran in its own transaction,
/// after the commit when the caller opened one. This process's relay is woken in memory. A replica whose relay is off
/// sends <c>NOTIFY crm_outbox</c> instead, after the commit and outside its transaction, so that the relays of other
/// replicas wake at once. A NOTIFY inside the transaction would hold PostgreSQL's database-wide notify lock while it
/// commits, and so make every command of the service commit one after the other.
/// </summary>
internal sealed partial class OutboxCommitInterceptor(
    OutboxSignal signal,
    NpgsqlDataSource dataSource,
    IOptions<MessagingOptions> options,
    ILogger<OutboxCommitInterceptor> logger) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private const string Notify = $"NOTIFY {OutboxListener.Channel}";

    private readonly bool _relayHere = options.Value.Outbox.RelayEnabled;

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Committed(eventData?.Context, committed: eventData?.Context?.Database.CurrentTransaction is null))
        {
            WakeOtherReplicas();
        }

        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Committed(eventData?.Context, committed: eventData?.Context?.Database.CurrentTransaction is null))
        {
            await WakeOtherReplicasAsync(cancellationToken);
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Committed(eventData?.Context, committed: true))
        {
            WakeOtherReplicas();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Committed(eventData?.Context, committed: true))
        {
            await WakeOtherReplicasAsync(cancellationToken);
        }
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

    /// <summary>True when other replicas must hear of the commit (this one's relay is off); wakes the local relay otherwise.</summary>
    private bool Committed(Microsoft.EntityFrameworkCore.DbContext? context, bool committed)
    {
        if (!committed || context is not MessagingDbContext { HasUnsignalledEvents: true } messaging)
        {
            return false;
        }

        messaging.HasUnsignalledEvents = false;
        if (_relayHere)
        {
            signal.Notify();
            return false;
        }

        return true;
    }

    private void WakeOtherReplicas()
    {
        try
        {
            using var notify = dataSource.CreateCommand(Notify);
            notify.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogWakeFailed(ex);
        }
    }

    private async Task WakeOtherReplicasAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var notify = dataSource.CreateCommand(Notify);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The events are committed: without the wake-up, the other relays find them at their next poll.
            LogWakeFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the other replicas' outbox relays; they will find the events at their next poll")]
    private partial void LogWakeFailed(Exception exception);
}
