namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a customer's contact consents to a channel or opts out of it.</summary>
public sealed record ContactConsentRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    long Version,
    Guid ContactId,
    ChannelConsent Consent) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CustomerId;
}
