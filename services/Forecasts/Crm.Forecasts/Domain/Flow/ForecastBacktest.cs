using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// Measures forecasts against what happened: for each past period, each method forecasts, on the period's first day
/// and from what was known before it, the revenue each rep will win in the period from the deals then open; the
/// forecast is then compared with what those deals brought in by the period's last day.
/// </summary>
internal static class ForecastBacktest
{
    /// <param name="deals">Every deal: the flow is learnt from all of them.</param>
    /// <param name="periods">The past periods to forecast.</param>
    /// <param name="settings">How the flow is learnt.</param>
    /// <param name="shown">The deals whose reps are measured (all when null): a manager's teams'.</param>
    /// <param name="reference">A chance given from outside for an open deal in a period, measured as
    /// <see cref="ForecastMethod.Reference"/> (left out when null).</param>
    public static BacktestReport Run(
        IReadOnlyList<DealHistory> deals, IReadOnlyList<ForecastWindow> periods, FlowSettings settings, Func<DealHistory, bool>? shown = null, Func<DealHistory, DealState, ForecastWindow, double>? reference = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(periods);
        var errors = Enum.GetValues<ForecastMethod>().Where(m => reference is not null || m != ForecastMethod.Reference).ToDictionary(m => m, _ => new List<double>());
        var bands = new BandTally();
        var (covered, pairs) = (0, 0);
        var random = new Random(1);
        var measured = shown is null ? deals : [.. deals.Where(shown)];
        foreach (var period in periods)
        {
            var forecast = new FlowForecast(FlowModel.Learn(deals, period.First, settings), period.First, [period]);
            foreach (var rep in RepForecasts(measured, forecast, period, bands, reference))
            {
                pairs++;
                covered += RevenueRange.Of(rep.Chances, random).Holds(rep.Actual) ? 1 : 0;
                if (rep.Actual > 0)
                {
                    foreach (var method in errors.Keys)
                    {
                        errors[method].Add((double)(Math.Abs(rep.Forecasts[(int)method] - rep.Actual) / rep.Actual));
                    }
                }
            }
        }

        return new BacktestReport(
            errors.ToDictionary(e => e.Key, e => e.Value.DefaultIfEmpty(0).Average() * 100),
            bands.Bands(),
            pairs == 0 ? 0 : covered / (double)pairs,
            pairs);
    }

    /// <summary>Each rep's forecasts for the period by every method, and what their deals open on its first day won in it.</summary>
    private static List<RepPeriod> RepForecasts(
        IReadOnlyList<DealHistory> deals, FlowForecast forecast, ForecastWindow period, BandTally bands, Func<DealHistory, DealState, ForecastWindow, double>? reference)
    {
        var reps = new Dictionary<(string?, string), RepPeriod>();
        foreach (var deal in deals)
        {
            if (deal.AsOf(period.First) is not { } state)
            {
                continue;
            }

            var chance = forecast.Chances(deal)[0];
            var won = deal.WonBetween(period.First, period.Last);
            bands.Add(chance, won);
            var key = (deal.SalesTeam, deal.OwnerId);
            if (!reps.TryGetValue(key, out var rep))
            {
                reps[key] = rep = new RepPeriod();
            }

            var (amount, expected) = (state.Forecast.Amount, period.Holds(state.Forecast.CloseOn));
            rep.Forecasts[(int)ForecastMethod.StageProbability] += expected ? amount * state.Forecast.Probability / 100m : 0;
            rep.Forecasts[(int)ForecastMethod.RepCategories] += expected && state.Forecast.Category == ForecastCategory.Commit ? amount : 0;
            rep.Forecasts[(int)ForecastMethod.Calibrated] += (decimal)chance * amount;
            rep.Forecasts[(int)ForecastMethod.Reference] += reference is null ? 0 : (decimal)reference(deal, state, period) * amount;
            rep.Chances.Add((chance, amount));
            rep.Actual += won ? deal.WonAmount : 0;
        }

        return [.. reps.Values];
    }

    /// <summary>One rep in one period.</summary>
    private sealed class RepPeriod
    {
        public decimal[] Forecasts { get; } = new decimal[Enum.GetValues<ForecastMethod>().Length];

        public List<(double Chance, decimal Amount)> Chances { get; } = [];

        public decimal Actual { get; set; }
    }

    /// <summary>Deals counted by the tenth their chance falls in.</summary>
    private sealed class BandTally
    {
        private readonly (int Deals, double Given, int Won)[] _bands = new (int, double, int)[10];

        public void Add(double chance, bool won)
        {
            var decile = Math.Clamp((int)(chance * 10), 0, 9);
            var (deals, given, wins) = _bands[decile];
            _bands[decile] = (deals + 1, given + chance, wins + (won ? 1 : 0));
        }

        public IReadOnlyList<CalibrationBand> Bands() =>
            [.. _bands.Select((b, i) => new CalibrationBand(i, b.Deals, b.Deals == 0 ? 0 : b.Given / b.Deals, b.Deals == 0 ? 0 : b.Won / (double)b.Deals))];
    }
}
