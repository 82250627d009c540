using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;

namespace Crm.Forecasts.Consumers;

/// <summary>The rep's new what, when, how likely and how much.</summary>
internal sealed class ForecastUpdatedConsumer(ForecastsDbContext db) : ForecastConsumer<ForecastUpdated>(db);
