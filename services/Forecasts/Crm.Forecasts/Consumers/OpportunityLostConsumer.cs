using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain;

namespace Crm.Forecasts.Consumers;

/// <summary>A lost deal leaves the pipeline and counts as lost on the day it was lost.</summary>
internal sealed class OpportunityLostConsumer(ForecastsDbContext db) : ForecastConsumer<OpportunityLost>(db)
{
    protected override ForecastFacts Facts(OpportunityLost message) =>
        new(message.CustomerId, message.OwnerId, OpportunityStage.Lost, 0, message.Amount, ClosedOn: DateOnly.FromDateTime(message.OccurredAt.UtcDateTime));
}
