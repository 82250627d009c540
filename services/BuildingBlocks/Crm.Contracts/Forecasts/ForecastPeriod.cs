namespace Crm.Contracts.Forecasts;

/// <summary>A forecast period: a month, a quarter or a year, by its first and last day.</summary>
public sealed record ForecastPeriod(ForecastPeriodKind Kind, DateOnly StartsOn, DateOnly EndsOn);
