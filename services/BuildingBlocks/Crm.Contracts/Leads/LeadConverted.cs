namespace Crm.Contracts.Leads;

/// <summary>Published by leads when a qualified lead is converted: the company becomes (or is matched to) the customer account <c>CustomerId</c>, the person a contact, and an opportunity is opened for <c>OpportunityOwnerId</c>.</summary>
public sealed record LeadConverted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid LeadId,
    long Version,
    CompanyDetails Company,
    ContactDetails Contact,
    LeadSource Source,
    Guid? CampaignId,
    Qualification Qualification,
    Guid OpportunityId,
    string OpportunityOwnerId,
    string ConvertedBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => LeadId;
}
