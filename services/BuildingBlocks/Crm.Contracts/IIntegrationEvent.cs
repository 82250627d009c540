using Crm.Domain;

namespace Crm.Contracts;

/// <summary>
/// What every integration event carries, so that the outbox and the inbox can treat them alike: its own identity
/// (a redelivered event has the same <see cref="EventId"/>), when it happened, and the aggregate it belongs to at
/// which <see cref="Version"/>, so that a consumer can ignore a stale or repeated event.
/// </summary>
public interface IIntegrationEvent : IDomainEvent
{
    /// <summary>Unique per event; also the message id on the broker and the key of the consumers' inbox.</summary>
    Guid EventId { get; }

    /// <summary>The aggregate whose state changed (a lead, an opportunity, an order, ...).</summary>
    Guid AggregateId { get; }

    /// <summary>The aggregate's version after the change: 1 for the first event, one more for each later one.</summary>
    long Version { get; }
}
