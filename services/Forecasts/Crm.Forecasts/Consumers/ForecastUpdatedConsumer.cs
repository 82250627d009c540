using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain;

namespace Crm.Forecasts.Consumers;

/// <summary>The rep's new what, when, how likely and how much.</summary>
internal sealed class ForecastUpdatedConsumer(ForecastsDbContext db) : ForecastConsumer<ForecastUpdated>(db)
{
    protected override ForecastFacts Facts(ForecastUpdated message) =>
        new(message.CustomerId, message.OwnerId, message.Stage, message.Probability, message.Amount, message.ExpectedCloseOn);
}
