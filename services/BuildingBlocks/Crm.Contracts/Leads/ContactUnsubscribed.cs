namespace Crm.Contracts.Leads;

/// <summary>
/// Published by leads when a customer's contact opts out through the link of a drip e-mail. Opportunities owns the
/// contact and records the opt-out on it (and publishes ContactConsentRecorded), so that the account's team sees it
/// too; <c>Version</c> is the contact's as the leads service counts it.
/// </summary>
public sealed record ContactUnsubscribed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ContactId,
    long Version,
    Guid CustomerId,
    ChannelConsent Consent) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => ContactId;
}
