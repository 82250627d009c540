namespace Crm.Contracts.Orders;

/// <summary>Published by orders when an invoice passes its due date unpaid.</summary>
public sealed record InvoiceOverdue(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid InvoiceId,
    long Version,
    Guid OrderId,
    Money Outstanding,
    DateOnly DueOn,
    int DaysOverdue) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => InvoiceId;
}
