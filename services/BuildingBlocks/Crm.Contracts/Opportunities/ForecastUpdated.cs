namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when what, when, how likely or how much an opportunity forecasts changes; it carries the whole forecast.</summary>
public sealed record ForecastUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OpportunityId,
    long Version,
    string OwnerId,
    OpportunityStage Stage,
    ForecastCategory Category,
    int Probability,
    Money Amount,
    DateOnly ExpectedCloseOn) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
