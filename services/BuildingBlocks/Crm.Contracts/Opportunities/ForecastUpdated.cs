namespace Crm.Contracts.Opportunities;

/// <summary>
/// Published by opportunities when what, when, how likely or how much an opportunity forecasts changes, or when a sales
/// manager gives their own judgement of its category; it carries the whole forecast: the owner's category and, beside it,
/// the manager's (null while no manager judged, and in events from before judgements were told).
/// </summary>
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
    DateOnly ExpectedCloseOn,
    ForecastCategory? ManagerCategory = null) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
