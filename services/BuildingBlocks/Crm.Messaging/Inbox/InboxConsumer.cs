using Crm.Contracts;
using CrmPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Messaging.Inbox;

/// <summary>
/// The base of every consumer: it records the event's id in the inbox in the same transaction as the consumer's
/// effect, so a redelivered event is acknowledged and skipped, and a failure or crash leaves neither. Events the
/// consumer publishes from <see cref="ApplyAsync"/> (through <c>db.Publish</c>) commit with it too.
/// </summary>
/// <typeparam name="TEvent">The event consumed.</typeparam>
/// <typeparam name="TDbContext">The service's DbContext, whose changes make the effect.</typeparam>
/// <param name="db">The consumer's DbContext: one per message, from the message's scope.</param>
public abstract partial class InboxConsumer<TEvent, TDbContext>(TDbContext db) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
    where TDbContext : MessagingDbContext
{
    /// <summary>
    /// True for a consumer whose effect is "the aggregate is now like this" (a read model, a status): it then skips an
    /// event whose <see cref="IIntegrationEvent.Version"/> is not newer than the last one it applied for that aggregate,
    /// so events that arrive out of order end in the latest state. Keep false when every event adds something
    /// (a payment, a timeline entry) and must be applied whatever its order.
    /// </summary>
    protected virtual bool SkipsStaleVersions => false;

    /// <summary>The longest an effect may take before it is rolled back and the message retried.</summary>
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
        var cancellationToken = bound.Token;
        using var activity = MessagingTelemetry.StartConsume(typeof(TEvent).Name, context.Headers.Get<string>(MessagingTelemetry.TraceParentHeader));
        activity?.SetTag("messaging.message.id", message.EventId);
        var caller = MessageCorrelation.Current;
        MessageCorrelation.Current = context.CorrelationId ?? message.EventId;
        try
        {
            // Messages can arrive before the service's migrations ran (the database came up after the broker).
            await context.GetServiceOrCreateInstance<DatabaseSchema>().Ready.WaitAsync(cancellationToken);

            // A retry of this message may reuse the context: what the failed attempt tracked must not be saved now.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var name = InboxName;
            var first = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO inbox_messages (consumer, message_id) VALUES ({name}, {message.EventId}) ON CONFLICT DO NOTHING",
                cancellationToken);
            if (first == 0)
            {
                activity?.SetTag("crm.inbox.outcome", "duplicate");
                var logger = Logger(context);
                LogDuplicate(logger, name, message.EventId);
                return;
            }

            if (SkipsStaleVersions && !await IsNewerAsync(name, message, cancellationToken))
            {
                activity?.SetTag("crm.inbox.outcome", "stale");
                var logger = Logger(context);
                LogStale(logger, name, message.EventId, message.Version);
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            await ApplyAsync(message, db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            activity?.SetTag("crm.inbox.outcome", "applied");
        }
        finally
        {
            MessageCorrelation.Current = caller;
        }
    }

    /// <summary>
    /// Makes the event's effect through <paramref name="context"/>; the base saves and commits it with the inbox
    /// entry. Throw to have the message retried and, after the retries, moved to the error queue with nothing applied.
    /// </summary>
    protected abstract Task ApplyAsync(TEvent message, TDbContext context, CancellationToken cancellationToken);

    private async Task<bool> IsNewerAsync(string name, TEvent message, CancellationToken cancellationToken)
    {
        // The row lock taken here also makes two events of one aggregate apply one after the other.
        var updated = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO inbox_versions (consumer, aggregate_id, version) VALUES ({name}, {message.AggregateId}, {message.Version})
            ON CONFLICT (consumer, aggregate_id) DO UPDATE SET version = excluded.version
            WHERE inbox_versions.version < excluded.version
            """,
            cancellationToken);
        return updated == 1;
    }

    private static ILogger Logger(ConsumeContext context) =>
        context.GetServiceOrCreateInstance<ILoggerFactory>().CreateLogger("Crm.Messaging.Inbox");

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Consumer} already applied {MessageId}: acknowledged and skipped")]
    private static partial void LogDuplicate(ILogger logger, string consumer, Guid messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Consumer} skipped {MessageId}: version {Version} is not newer than the one applied")]
    private static partial void LogStale(ILogger logger, string consumer, Guid messageId, long version);
}
