namespace Crm.Contracts.Leads;

/// <summary>
/// Published by leads when a qualified lead is converted. The opportunities service reacts: it matches the company to
/// an existing customer account or creates one (the customer id is decided there, and announced with
/// <c>OpportunityOpened</c>), adds the person as a contact with their buying role, and opens the opportunity
/// <c>OpportunityId</c> named <c>OpportunityName</c> for <c>OpportunityOwnerId</c>, as a deal of <c>SalesTeam</c> (the
/// team that worked the lead; none when it was nobody's: absent from events published before teams were recorded).
/// </summary>
public sealed record LeadConverted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid LeadId,
    long Version,
    CompanyDetails Company,
    ContactDetails Contact,
    LeadSource Source,
    Guid? CampaignId,
    Qualification Qualification,
    Guid OpportunityId,
    string OpportunityName,
    string OpportunityOwnerId,
    string ConvertedBy,
    string? SalesTeam = null) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => LeadId;
}
