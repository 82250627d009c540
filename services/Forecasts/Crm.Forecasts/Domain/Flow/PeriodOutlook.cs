namespace Crm.Forecasts.Domain.Flow;

/// <summary>What a set of deals is forecast to bring in during one period, by each method, and what it already won.</summary>
/// <param name="Period">The period.</param>
/// <param name="Flow">The flow forecast and its 80% range.</param>
/// <param name="StageWeighted">The open deals expected in the period by their close dates, weighted by their stage's probability.</param>
/// <param name="Committed">The open deals expected in the period that their reps commit.</param>
/// <param name="Won">Won in the period before the forecast's day.</param>
internal sealed record PeriodOutlook(ForecastWindow Period, RevenueRange Flow, decimal StageWeighted, decimal Committed, decimal Won);
