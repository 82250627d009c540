namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when an opportunity moves to another stage.</summary>
public sealed record OpportunityStageChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OpportunityId,
    long Version,
    OpportunityStage PreviousStage,
    OpportunityStage Stage,
    int Probability,
    string ChangedBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
