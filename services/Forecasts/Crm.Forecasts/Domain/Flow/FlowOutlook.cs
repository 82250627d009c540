using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>Sums deals' chances into each period's outlook: the flow forecast beside the stage-weighted sum and the reps'
/// commits, as they stood at the start of the forecast's day.</summary>
internal static class FlowOutlook
{
    /// <param name="deals">The deals, open or closed, with their chances in each of <paramref name="periods"/>.</param>
    /// <param name="periods">The periods; the first may have begun before <paramref name="asOf"/>.</param>
    /// <param name="asOf">The forecast's day.</param>
    /// <param name="random">Seeded: the same deals give the same ranges.</param>
    public static IReadOnlyList<PeriodOutlook> Of(IReadOnlyList<DealChances> deals, IReadOnlyList<ForecastWindow> periods, DateOnly asOf, Random random)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(periods);
        var states = deals.Select(d => d.Deal.AsOf(asOf)).ToList();
        return [.. periods.Select((period, i) =>
        {
            var (weighted, committed) = (0m, 0m);
            var chances = new List<(double Chance, decimal Amount)>();
            for (var d = 0; d < deals.Count; d++)
            {
                if (states[d] is not { } state)
                {
                    continue;
                }

                chances.Add((deals[d].Chances[i], state.Forecast.Amount));
                if (period.Holds(state.Forecast.CloseOn))
                {
                    weighted += state.Forecast.Amount * state.Forecast.Probability / 100m;
                    committed += state.Forecast.Category == ForecastCategory.Commit ? state.Forecast.Amount : 0;
                }
            }

            var won = deals.Where(d => d.Deal.WonBetween(period.First, asOf.AddDays(-1))).Sum(d => d.Deal.WonAmount);
            return new PeriodOutlook(period, RevenueRange.Of(chances, random), weighted, committed, won);
        })];
    }
}
