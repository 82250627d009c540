namespace Crm.Contracts.Orders;

/// <summary>Published by orders when a customer is put on credit hold or released from it; <c>Version</c> is the customer's credit account's.</summary>
public sealed record CreditStatusChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    long Version,
    CreditStatus PreviousStatus,
    CreditStatus Status,
    string Reason) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CustomerId;
}
