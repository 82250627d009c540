namespace Crm.Messaging.Outbox;

/// <summary>An unsent outbox row the relay claimed.</summary>
internal sealed record OutboxRow(
    long Sequence,
    Guid MessageId,
    string MessageType,
    Guid AggregateId,
    string Body,
    Guid CorrelationId,
    string? TraceParent,
    string? TraceState);
