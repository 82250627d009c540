namespace Crm.Contracts.Orders;

/// <summary>
/// Published by orders when the name or the billing address it invoices a customer under changes (learnt from the
/// customer master's account events): what an accounting system needs to keep its debtor record. Carries the whole profile.
/// </summary>
public sealed record BillingProfileChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    long Version,
    string Name,
    PostalAddress? BillingAddress) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CustomerId;
}
