namespace Crm.Contracts.Leads;

/// <summary>Published by leads when a lead (a suspect) is stored, from a form, an import or by hand; every lead has a source.</summary>
public sealed record LeadCaptured(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid LeadId,
    long Version,
    LeadSource Source,
    Guid? CampaignId,
    CompanyDetails Company,
    ContactDetails Contact) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => LeadId;
}
