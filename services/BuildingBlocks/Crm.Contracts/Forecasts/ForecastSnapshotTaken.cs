namespace Crm.Contracts.Forecasts;

/// <summary>Published by forecasts when a forecast is frozen for a period, to measure forecast accuracy later.</summary>
public sealed record ForecastSnapshotTaken(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid SnapshotId,
    long Version,
    ForecastPeriod Period,
    ForecastScope Scope,
    string ScopeId,
    Money Pipeline,
    Money BestCase,
    Money Commit,
    Money Closed,
    Money? Quota) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => SnapshotId;
}
