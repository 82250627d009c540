namespace Crm.Contracts.Orders;

/// <summary>Published by orders when an order cannot be booked, e.g. because the customer is on credit hold.</summary>
public sealed record OrderRejected(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OrderId,
    long Version,
    Guid? OpportunityId,
    OrderRejectionReason Reason,
    string Detail) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OrderId;
}
