namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a contact of a customer account was changed: the contact as it is now.</summary>
public sealed record ContactUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    long Version,
    Guid ContactId,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    string? Title,
    BuyingRole BuyingRole) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CustomerId;
}
