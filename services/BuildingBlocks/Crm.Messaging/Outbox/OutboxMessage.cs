namespace Crm.Messaging.Outbox;

/// <summary>An event waiting in the outbox table, as the DbContext writes it.</summary>
internal sealed class OutboxMessage
{
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
