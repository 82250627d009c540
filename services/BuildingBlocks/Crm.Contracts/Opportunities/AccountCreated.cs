namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a customer account is created in the customer master.</summary>
public sealed record AccountCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    long Version,
    string Name,
    string? Industry,
    string? Website,
    PostalAddress? BillingAddress,
    string? OwnerId) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CustomerId;
}
