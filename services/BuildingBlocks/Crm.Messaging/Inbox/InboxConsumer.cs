using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Crm.Contracts;
using CrmPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Messaging.Inbox;

/// <summary>
/// The base of every consumer: it records the event's id in the inbox in the same transaction as the consumer's
/// effect, so a redelivered event is acknowledged and skipped, and a failure or crash leaves neither. Events the
/// consumer publishes from <see cref="ApplyAsync"/> (through <c>db.Publish</c>) commit with it too.
/// </summary>
/// <remarks>
/// Events that arrive at the same time are applied in groups, one transaction per group: one inbox insert for all of
/// them, then each event's <see cref="ApplyAsync"/> and <c>SaveChanges</c> in arrival order, each on its own DbContext
/// (sharing the group's connection), then one commit. Each event is acknowledged only once its group committed. When
/// anything in a group fails, the group is rolled back whole and each of its events is applied again alone, in a
/// transaction of its own, so a failing event is retried and sent to the error queue alone while its neighbours are
/// applied once. A retried or redelivered event is always applied alone. An effect is therefore all or nothing: a
/// database error caught inside <see cref="ApplyAsync"/> cannot be stepped over (there are no savepoints).
/// </remarks>
/// <typeparam name="TEvent">The event consumed.</typeparam>
/// <typeparam name="TDbContext">The service's DbContext, whose changes make the effect.</typeparam>
/// <param name="db">The consumer's DbContext: one per message, from the message's scope.</param>
public abstract partial class InboxConsumer<TEvent, TDbContext>(TDbContext db) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
    where TDbContext : MessagingDbContext
{
    private const string Record = """
        INSERT INTO inbox_messages (consumer, message_id) SELECT $1, unnest($2::uuid[])
        ON CONFLICT DO NOTHING
        RETURNING message_id
        """;

    // One group per consumer and service (its data source): several services may run in one process, as in tests.
    private readonly TDbContext _db = db;

    private static readonly ConditionalWeakTable<NpgsqlDataSource, ConcurrentDictionary<string, InboxGroup<TEvent, TDbContext>>> Groups = [];

    /// <summary>
    /// True for a consumer whose effect is "the aggregate is now like this" (a read model, a status): it then skips an
    /// event whose <see cref="IIntegrationEvent.Version"/> is not newer than the last one it applied for that aggregate,
    /// so events that arrive out of order end in the latest state. Keep false when every event adds something
    /// (a payment, a timeline entry) and must be applied whatever its order.
    /// </summary>
    protected virtual bool SkipsStaleVersions => false;

    /// <summary>The longest an effect (or the group it is applied in) may take before it is rolled back and retried.</summary>
    protected virtual TimeSpan EffectTimeout => TimeSpan.FromSeconds(30);

    /// <summary>The consumer's name in the inbox. Keep it stable: a new name would apply past messages again.</summary>
    protected virtual string InboxName => GetType().FullName ?? GetType().Name;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;

        // Not the message's token: it is cancelled the moment the broker connection drops or the service stops, and
        // aborting a short local transaction then gains nothing (the message comes back either way); letting it
        // finish is the graceful shutdown the design asks for. A bound keeps a stuck lock wait from holding it forever.
        using var bound = new CancellationTokenSource(EffectTimeout);
        using var activity = MessagingTelemetry.StartConsume(typeof(TEvent).Name, context.Headers.Get<string>(MessagingTelemetry.TraceParentHeader));
        activity?.SetTag("messaging.message.id", message.EventId);

        // Messages can arrive before the service's migrations ran (the database came up after the broker).
        await context.GetServiceOrCreateInstance<DatabaseSchema>().Ready.WaitAsync(bound.Token);

        var delivery = new InboxDelivery<TEvent, TDbContext>(this, message, context.CorrelationId ?? message.EventId, Activity.Current);
        var outcome = InboxOutcome.Alone;
        if (context.GetRetryAttempt() == 0 && !context.ReceiveContext.Redelivered)
        {
            var groups = Groups.GetValue(context.GetServiceOrCreateInstance<NpgsqlDataSource>(), _ => new(StringComparer.Ordinal));
            var group = groups.GetOrAdd(InboxName, _ => new());
            outcome = await group.JoinAsync(delivery, ApplyGroupAsync);
        }

        if (outcome == InboxOutcome.Alone)
        {
            outcome = (await ApplyTogetherAsync([delivery], bound.Token))[0];
        }

        activity?.SetTag("crm.inbox.outcome", outcome == InboxOutcome.Applied ? "applied" : outcome == InboxOutcome.Stale ? "stale" : "duplicate");
        LogOutcome(context, outcome, message);
    }

    /// <summary>
    /// Makes the event's effect through <paramref name="context"/>; the base saves and commits it with the inbox
    /// entry. Throw to have the message retried and, after the retries, moved to the error queue with nothing applied.
    /// </summary>
    protected abstract Task ApplyAsync(TEvent message, TDbContext context, CancellationToken cancellationToken);

    /// <summary>Applies a group; when it fails, each of its deliveries is applied again alone (one alone reports its own failure).</summary>
    internal async Task ApplyGroupAsync(IReadOnlyList<InboxDelivery<TEvent, TDbContext>> group)
    {
        using var bound = new CancellationTokenSource(EffectTimeout);
        try
        {
            var outcomes = await ApplyTogetherAsync(group, bound.Token);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Finish(outcomes[i]);
            }
        }
        catch (Exception ex) when (group.Count == 1)
        {
            group[0].Fail(ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever failed, and whichever event it was: each is applied again alone, and a failing one fails there.
            foreach (var member in group)
            {
                member.Finish(InboxOutcome.Alone);
            }
        }
    }

    /// <summary>
    /// One transaction for <paramref name="deliveries"/> (of this consumer): their inbox entries, then each new event's
    /// effect in order, then the commit. Throws, with nothing committed, when any of it fails.
    /// </summary>
    internal async Task<InboxOutcome[]> ApplyTogetherAsync(IReadOnlyList<InboxDelivery<TEvent, TDbContext>> deliveries, CancellationToken cancellationToken)
    {
        var leader = deliveries[0].Consumer._db;
        foreach (var delivery in deliveries)
        {
            // A retry of a message may reuse the context: what the failed attempt tracked must not be saved now. The
            // transaction is the unit of the effect, so savepoints around each SaveChanges would only cost round trips.
            delivery.Consumer._db.ChangeTracker.Clear();
            delivery.Consumer._db.Database.AutoSavepointsEnabled = false;
        }

        await using var transaction = await leader.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await JoinTransactionAsync(deliveries, transaction, cancellationToken);
            var outcomes = await ApplyEachAsync(deliveries, transaction, cancellationToken);

            // The leader's commit wakes the relay for the events any of the group published.
            leader.HasUnsignalledEvents = deliveries.Any(d => d.Consumer._db.HasUnsignalledEvents);
            await transaction.CommitAsync(cancellationToken);
            return outcomes;
        }
        finally
        {
            foreach (var delivery in deliveries.Skip(1))
            {
                delivery.Consumer._db.HasUnsignalledEvents = false;
                await delivery.Consumer._db.Database.UseTransactionAsync(null, CancellationToken.None);

                // Back to a connection of its own from the data source, which it owns again: the context goes back to
                // the pool, and its next user (a command, another consumer) must not find itself on a borrowed one.
                delivery.Consumer._db.Database.SetDbConnection(null, contextOwnsConnection: true);
            }
        }
    }

    private static async Task JoinTransactionAsync(IReadOnlyList<InboxDelivery<TEvent, TDbContext>> deliveries, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.GetDbTransaction().Connection;
        foreach (var delivery in deliveries.Skip(1))
        {
            delivery.Consumer._db.Database.SetDbConnection(connection);
            await delivery.Consumer._db.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
        }
    }

    private async Task<InboxOutcome[]> ApplyEachAsync(IReadOnlyList<InboxDelivery<TEvent, TDbContext>> deliveries, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var name = InboxName;
        var recorded = await RecordAsync(name, deliveries, transaction.GetDbTransaction(), cancellationToken);
        var outcomes = new InboxOutcome[deliveries.Count];
        for (var i = 0; i < deliveries.Count; i++)
        {
            var delivery = deliveries[i];

            // Removing the id makes a second copy of it in the same group a duplicate, like an earlier commit would.
            if (!recorded.Remove(delivery.Message.EventId))
            {
                outcomes[i] = InboxOutcome.Duplicate;
                continue;
            }

            using (delivery.Enter())
            {
                var consumer = delivery.Consumer;
                if (SkipsStaleVersions && !await consumer.IsNewerAsync(name, delivery.Message, cancellationToken))
                {
                    outcomes[i] = InboxOutcome.Stale;
                    continue;
                }

                await consumer.ApplyAsync(delivery.Message, consumer._db, cancellationToken);
                await consumer._db.SaveChangesAsync(cancellationToken);
                outcomes[i] = InboxOutcome.Applied;
            }
        }

        return outcomes;
    }

    /// <summary>Inserts the inbox entries in one statement; returns the ids that were not there yet.</summary>
    private static async Task<HashSet<Guid>> RecordAsync(string name, IReadOnlyList<InboxDelivery<TEvent, TDbContext>> deliveries, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Record, (NpgsqlConnection?)transaction.Connection, (NpgsqlTransaction)transaction)
        {
            Parameters = { new() { Value = name }, new() { Value = deliveries.Select(d => d.Message.EventId).Distinct().ToArray() } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var recorded = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetGuid(0));
        }

        return recorded;
    }

    private async Task<bool> IsNewerAsync(string name, TEvent message, CancellationToken cancellationToken)
    {
        // The row lock taken here also makes two events of one aggregate apply one after the other.
        var updated = await _db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO inbox_versions (consumer, aggregate_id, version) VALUES ({name}, {message.AggregateId}, {message.Version})
            ON CONFLICT (consumer, aggregate_id) DO UPDATE SET version = excluded.version
            WHERE inbox_versions.version < excluded.version
            """,
            cancellationToken);
        return updated == 1;
    }

    private void LogOutcome(ConsumeContext context, InboxOutcome outcome, TEvent message)
    {
        if (outcome == InboxOutcome.Applied)
        {
            return;
        }

        var logger = context.GetServiceOrCreateInstance<ILoggerFactory>().CreateLogger("Crm.Messaging.Inbox");
        if (outcome == InboxOutcome.Stale)
        {
            LogStale(logger, InboxName, message.EventId, message.Version);
        }
        else
        {
            LogDuplicate(logger, InboxName, message.EventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Consumer} already applied {MessageId}: acknowledged and skipped")]
    private static partial void LogDuplicate(ILogger logger, string consumer, Guid messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Consumer} skipped {MessageId}: version {Version} is not newer than the one applied")]
    private static partial void LogStale(ILogger logger, string consumer, Guid messageId, long version);
}
