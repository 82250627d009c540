namespace Crm.Contracts.Leads;

/// <summary>Published by leads when a lead consents to a channel or opts out of it; marketing touches honour it.</summary>
public sealed record LeadConsentRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid LeadId,
    long Version,
    ChannelConsent Consent) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => LeadId;
}
