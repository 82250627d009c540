using System.Diagnostics;
using System.Text.Json;
using Crm.Contracts;
using Crm.Messaging.Outbox;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Crm.Messaging;

/// <summary>
/// The base of a service's DbContext: it holds the transactional outbox. <see cref="Publish"/> adds an event to the
/// outbox, and the next <c>SaveChanges</c> (or the commit of the transaction around it) stores it atomically with the
/// state change; the relay publishes it after the commit. Override <see cref="OnModelCreating"/> and call the base.
/// </summary>
public abstract class MessagingDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Set by <see cref="Publish"/>, cleared when the relay has been woken up for it.</summary>
    internal bool HasUnsignalledEvents { get; set; }

    /// <summary>
    /// Adds <paramref name="integrationEvent"/> to the outbox, with the current trace context and a correlation id (the
    /// event being consumed, when called from a consumer; the event itself otherwise). It is stored by the next save.
    /// </summary>
    public void Publish(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        var activity = Activity.Current;
        Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = integrationEvent.EventId,
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            AggregateId = integrationEvent.AggregateId,
            AggregateVersion = integrationEvent.Version,
            Body = JsonSerializer.Serialize(integrationEvent, type, SystemTextJsonMessageSerializer.Options),
            CorrelationId = MessageCorrelation.Current ?? integrationEvent.EventId,
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        HasUnsignalledEvents = true;
    }

    /// <remarks>
    /// Contexts are pooled: disposing one hands it back for the next scope, so the flag of events published and never
    /// saved (a command that failed before its save) must not wake the relay on that next scope's commit.
    /// </remarks>
    public override void Dispose()
    {
        HasUnsignalledEvents = false;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="Dispose"/>
    public override async ValueTask DisposeAsync()
    {
        HasUnsignalledEvents = false;
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        // Only what a write needs is mapped: the sequence, attempts and sent time belong to the relay (plain SQL).
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.MessageId);
            outbox.Property(m => m.MessageId).HasColumnName("message_id").ValueGeneratedNever();
            outbox.Property(m => m.MessageType).HasColumnName("message_type");
            outbox.Property(m => m.AggregateId).HasColumnName("aggregate_id");
            outbox.Property(m => m.AggregateVersion).HasColumnName("aggregate_version");
            outbox.Property(m => m.Body).HasColumnName("body");
            outbox.Property(m => m.CorrelationId).HasColumnName("correlation_id");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent");
            outbox.Property(m => m.TraceState).HasColumnName("trace_state");
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
        });
    }
}
