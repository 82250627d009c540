namespace Crm.Contracts.Leads;

/// <summary>Published by leads when Marketing launches a campaign. <c>Budget</c> is null when none was given.</summary>
public sealed record CampaignLaunched(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CampaignId,
    long Version,
    string Name,
    LeadSource Source,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    Money? Budget) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CampaignId;
}
