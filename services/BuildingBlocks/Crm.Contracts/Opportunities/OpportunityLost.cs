namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a deal is lost.</summary>
public sealed record OpportunityLost(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OpportunityId,
    long Version,
    string OwnerId,
    OpportunityStage LastStage,
    string Reason,
    string? Competitor,
    Money Amount) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
