namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when an opportunity is opened (on lead conversion or by a rep).</summary>
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
    Guid? LeadId) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
