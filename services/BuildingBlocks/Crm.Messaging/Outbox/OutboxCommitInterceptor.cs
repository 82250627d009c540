using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Wakes the relay right after a commit that stored events: after <c>SaveChanges</c> when it ran in its own transaction,
/// after the commit when the caller opened one. This process's relay is woken in memory. A replica whose relay is off
/// wakes the relays of other replicas instead, with a NOTIFY after the commit and outside its transaction
/// (<see cref="OtherRelays"/>). A NOTIFY inside the transaction would hold PostgreSQL's database-wide notify lock while
/// it commits, and so make every command of the service commit one after the other. Other readers of the outbox in this
/// process (<see cref="IOutboxCommitted"/>) are told too.
/// </summary>
internal sealed class OutboxCommitInterceptor(
    OutboxSignal signal,
    NpgsqlDataSource dataSource,
    IEnumerable<IOutboxCommitted> readers,
    IOptions<MessagingOptions> options,
    ILogger<OutboxCommitInterceptor> logger) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly OtherRelays? _otherRelays = options.Value.Outbox.RelayEnabled ? null : new OtherRelays(dataSource, logger);
    private readonly IOutboxCommitted[] _readers = [.. readers];

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
        if (!committed || context is not MessagingDbContext { HasUnsignalledEvents: true } messaging)
        {
            return;
        }

        messaging.HasUnsignalledEvents = false;
        foreach (var reader in _readers)
        {
            reader.Committed();
        }

        if (_otherRelays is null)
        {
            signal.Notify();
        }
        else
        {
            _otherRelays.Wake();
        }
    }
}
