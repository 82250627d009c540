namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when an opportunity is opened (on lead conversion or by a rep). <c>SalesTeam</c>
/// is the team that works it (the converted lead's), null for a deal of no team.</summary>
public sealed record OpportunityOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OpportunityId,
    long Version,
    string Name,
    string OwnerId,
    OpportunityStage Stage,
    int Probability,
    Money Amount,
    DateOnly ExpectedCloseOn,
    LeadSource? Source,
    Guid? CampaignId,
    Guid? LeadId,
    string? SalesTeam = null) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
