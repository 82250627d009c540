using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;

namespace Crm.Forecasts.Consumers;

/// <summary>A lost deal leaves the pipeline and counts as lost on the day it was lost.</summary>
internal sealed class OpportunityLostConsumer(ForecastsDbContext db) : ForecastConsumer<OpportunityLost>(db);
