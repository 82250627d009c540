namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a customer account's profile changes; it carries the whole new profile.</summary>
public sealed record AccountUpdated(
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
