namespace Crm.Contracts.Orders;

/// <summary>Published by orders when an invoice is issued for an order.</summary>
public sealed record InvoiceIssued(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid InvoiceId,
    long Version,
    Guid OrderId,
    string Number,
    Money Amount,
    DateOnly IssuedOn,
    DateOnly DueOn) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => InvoiceId;
}
