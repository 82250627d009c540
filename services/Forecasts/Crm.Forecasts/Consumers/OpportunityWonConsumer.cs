using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;

namespace Crm.Forecasts.Consumers;

/// <summary>A won deal leaves the pipeline and counts as won, for its total, on the day it was won.</summary>
internal sealed class OpportunityWonConsumer(ForecastsDbContext db) : ForecastConsumer<OpportunityWon>(db);
