namespace Crm.Contracts.Forecasts;

/// <summary>
/// Published by forecasts when a sales manager sets or changes the quota of a rep, a team or the company for a period.
/// <c>ScopeId</c> is the rep's id or the team's name (empty for the company); <c>SalesTeam</c> the team whose managers
/// keep the quota (null for a vice-president's); <c>SetBy</c> the manager who set it.
/// </summary>
public sealed record QuotaSet(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid QuotaId,
    long Version,
    ForecastPeriod Period,
    ForecastScope Scope,
    string ScopeId,
    Money Amount,
    string? SalesTeam,
    string SetBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => QuotaId;
}
