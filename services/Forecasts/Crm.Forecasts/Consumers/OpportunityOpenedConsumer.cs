using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;

namespace Crm.Forecasts.Consumers;

/// <summary>A new deal enters the forecast with its owner, sales team, stage, probability, amount and expected close.</summary>
internal sealed class OpportunityOpenedConsumer(ForecastsDbContext db) : ForecastConsumer<OpportunityOpened>(db);
