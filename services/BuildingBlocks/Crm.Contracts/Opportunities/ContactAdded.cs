namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a contact is added to a customer account; <c>Version</c> is the account's.</summary>
public sealed record ContactAdded(
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
