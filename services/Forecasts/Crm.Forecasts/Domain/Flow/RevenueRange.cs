namespace Crm.Forecasts.Domain.Flow;

/// <summary>The revenue a set of deals may bring in: what it brings on average, and the range it falls in four times out
/// of five (from the 10th to the 90th percentile), each deal won or not by its own chance.</summary>
internal sealed record RevenueRange(decimal Expected, decimal Low, decimal High)
{
    /// <summary>Draws enough outcomes for the percentiles to settle to about a percent.</summary>
    private const int Draws = 1000;

    public bool Holds(decimal amount) => amount >= Low && amount <= High;

    /// <summary>The range of <paramref name="deals"/>; <paramref name="random"/> is seeded, so a forecast repeats.</summary>
    public static RevenueRange Of(IReadOnlyList<(double Chance, decimal Amount)> deals, Random random)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(random);
        var expected = deals.Sum(d => (decimal)d.Chance * d.Amount);
        var outcomes = new decimal[Draws];
        for (var draw = 0; draw < Draws; draw++)
        {
            foreach (var (chance, amount) in deals)
            {
                if (random.NextDouble() < chance)
                {
                    outcomes[draw] += amount;
                }
            }
        }

        Array.Sort(outcomes);
        return new RevenueRange(expected, outcomes[Draws / 10], outcomes[(Draws * 9 / 10) - 1]);
    }
}
