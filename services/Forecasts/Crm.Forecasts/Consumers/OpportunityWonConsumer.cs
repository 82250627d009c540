using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain;

namespace Crm.Forecasts.Consumers;

/// <summary>A won deal leaves the pipeline and counts as won, for its total, on the day it was won.</summary>
internal sealed class OpportunityWonConsumer(ForecastsDbContext db) : ForecastConsumer<OpportunityWon>(db)
{
    protected override ForecastFacts Facts(OpportunityWon message) =>
        new(message.CustomerId, message.OwnerId, OpportunityStage.Won, 100, message.Total, ClosedOn: message.WonOn);
}
