namespace Crm.Contracts.Orders;

/// <summary>Published by orders when a shipment of an order leaves.</summary>
public sealed record OrderShipped(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OrderId,
    long Version,
    Guid ShipmentId,
    string Carrier,
    string TrackingNumber,
    DateOnly ShippedOn) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OrderId;
}
