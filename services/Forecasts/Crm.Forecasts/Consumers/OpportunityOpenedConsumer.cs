using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain;

namespace Crm.Forecasts.Consumers;

/// <summary>A new deal enters the forecast with its owner, sales team, stage, probability, amount and expected close.</summary>
internal sealed class OpportunityOpenedConsumer(ForecastsDbContext db) : ForecastConsumer<OpportunityOpened>(db)
{
    protected override ForecastFacts Facts(OpportunityOpened message) =>
        new(message.CustomerId, message.OwnerId, message.Stage, message.Probability, message.Amount, message.ExpectedCloseOn, SalesTeam: message.SalesTeam);
}
