using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>How the rep forecast a deal from a day on: close date, category, probability and amount.</summary>
internal sealed record ForecastRevision(DateOnly On, DateOnly CloseOn, ForecastCategory Category, int Probability, decimal Amount);
