using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;

namespace Crm.Forecasts.Consumers;

/// <summary>A stage change moves the deal in the pipeline and sets its probability.</summary>
internal sealed class OpportunityStageChangedConsumer(ForecastsDbContext db) : ForecastConsumer<OpportunityStageChanged>(db);
