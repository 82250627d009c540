using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>An open deal as it stood at the start of a day.</summary>
/// <param name="Stage">Its stage.</param>
/// <param name="Age">Its age in the stage on that day: 1 on the day after it entered.</param>
/// <param name="Forecast">How the rep forecast it then.</param>
internal sealed record DealState(OpportunityStage Stage, int Age, ForecastRevision Forecast);
