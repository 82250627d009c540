namespace Crm.Contracts.Orders;

/// <summary>Published by orders when an order is booked (from a won deal, with no re-entry).</summary>
public sealed record OrderBooked(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OrderId,
    long Version,
    Guid? OpportunityId,
    string OwnerId,
    IReadOnlyList<OrderLine> Lines,
    Money Total,
    PostalAddress? ShipTo) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OrderId;
}
