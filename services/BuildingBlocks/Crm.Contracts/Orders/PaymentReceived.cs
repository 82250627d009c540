namespace Crm.Contracts.Orders;

/// <summary>Published by orders when a payment against an invoice is received.</summary>
public sealed record PaymentReceived(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid InvoiceId,
    long Version,
    Guid PaymentId,
    Money Amount,
    DateOnly ReceivedOn,
    Money Outstanding) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => InvoiceId;
}
