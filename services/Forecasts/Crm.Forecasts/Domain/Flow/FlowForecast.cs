namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// A flow model's forecast from a day: for an open deal, its chance of being won in each of the periods asked for. Each
/// rep's win curve is worked out once, at the periods' bounds. A period begun before the day counts from the day on.
/// </summary>
internal sealed class FlowForecast(FlowModel model, DateOnly asOf, IReadOnlyList<ForecastWindow> periods)
{
    private readonly Dictionary<FlowRates, WinCurve> _curves = new(ReferenceEqualityComparer.Instance);
    private readonly int[] _bounds = [.. periods.SelectMany(p => new[] { Day(asOf, p.First) - 1, Day(asOf, p.Last) }).Where(d => d > 0).Distinct()];

    public DateOnly AsOf => asOf;

    /// <summary>For each period, the chance that <paramref name="deal"/> is won in it.</summary>
    public double[] Chances(DealHistory deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var state = deal.AsOf(asOf);
        var chances = new double[periods.Count];
        if (state is null)
        {
            return chances;
        }

        var rates = model.For(deal.SalesTeam, deal.OwnerId);
        if (!_curves.TryGetValue(rates, out var curve))
        {
            _curves[rates] = curve = WinCurve.Compute(rates, _bounds);
        }

        for (var i = 0; i < periods.Count; i++)
        {
            chances[i] = curve.Between(Math.Max(1, Day(asOf, periods[i].First)), Day(asOf, periods[i].Last), state.Stage, state.Age);
        }

        return chances;
    }

    /// <summary>Day 1 is <paramref name="asOf"/>.</summary>
    private static int Day(DateOnly asOf, DateOnly date) => date.DayNumber - asOf.DayNumber + 1;
}
