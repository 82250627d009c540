using System.Diagnostics;
using System.Text.Json;
using Crm.Contracts;
using MassTransit.Serialization;

namespace Crm.Messaging.Outbox;

/// <summary>An event waiting in the outbox table, as the DbContext writes it.</summary>
internal sealed class OutboxMessage
{
    /// <summary>
    /// The one way an event becomes an outbox row, whether a save or a bulk copy writes it: its type as the relay reads
    /// it back, its body as MassTransit's serializer writes it, the current trace context, and a correlation id (the
    /// event being consumed, when called from a consumer; the event itself otherwise).
    /// </summary>
    public static OutboxMessage Of(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        var activity = Activity.Current;
        return new OutboxMessage
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
        };
    }

    public required Guid MessageId { get; init; }

    /// <summary>The event's type as <c>Full.Name, Assembly</c>, so the relay can read the body back.</summary>
    public required string MessageType { get; init; }

    public required Guid AggregateId { get; init; }

    public required long AggregateVersion { get; init; }

    /// <summary>The event as MassTransit's JSON serializer writes it.</summary>
    public required string Body { get; init; }

    public required Guid CorrelationId { get; init; }

    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
