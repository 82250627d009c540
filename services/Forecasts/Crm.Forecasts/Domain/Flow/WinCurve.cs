using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// For every open stage and age at once, the chance that a deal is won within a number of days, worked out backwards
/// day by day from a flow's daily chances: won within t days is won today, or moved today to a stage from which it is
/// won within t - 1 days, or still here tomorrow (one day older) and won within t - 1 days from there. A deal that enters
/// a stage may leave it again the same day. Kept only at the horizons asked for.
/// </summary>
internal sealed class WinCurve
{
    private const int Ages = FlowShape.AgeCap + 1;
    private readonly Dictionary<int, double[]> _within;

    private WinCurve(Dictionary<int, double[]> within) => _within = within;

    /// <summary>The chance that a deal in <paramref name="stage"/> at <paramref name="age"/> on day 1 is won on one of the
    /// days <paramref name="firstDay"/>..<paramref name="lastDay"/> (both horizons must have been computed).</summary>
    public double Between(int firstDay, int lastDay, OpportunityStage stage, int age) =>
        Within(lastDay, stage, age) - Within(firstDay - 1, stage, age);

    public double Within(int days, OpportunityStage stage, int age) =>
        days <= 0 ? 0 : _within[days][((int)stage * Ages) + Math.Clamp(age, 1, FlowShape.AgeCap)];

    public static WinCurve Compute(FlowRates rates, IReadOnlyCollection<int> horizons)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(horizons);
        var last = horizons.Count == 0 ? 0 : horizons.Max();
        var wanted = horizons.ToHashSet();
        var kept = new Dictionary<int, double[]>();
        var before = new double[FlowShape.Stages * Ages];
        var now = new double[FlowShape.Stages * Ages];
        var entering = new double[FlowShape.Stages];
        for (var t = 1; t <= last; t++)
        {
            Entering(rates, before, entering);
            for (var stage = 0; stage < FlowShape.Stages; stage++)
            {
                for (var age = 1; age <= FlowShape.AgeCap; age++)
                {
                    now[(stage * Ages) + age] = Today(rates, stage, age, entering, before);
                }
            }

            (before, now) = (now, before);
            if (wanted.Contains(t))
            {
                kept[t] = (double[])before.Clone();
            }
        }

        return new WinCurve(kept);
    }

    /// <summary>Won within t days from (stage, age): today's chances, and tomorrow's from wherever today leads.</summary>
    private static double Today(FlowRates rates, int stage, int age, double[] entering, double[] before)
    {
        var band = FlowShape.Band(age);
        var won = rates.Daily(stage, band, FlowShape.Won);
        var leaves = 0d;
        for (var to = 0; to < FlowShape.Destinations; to++)
        {
            var chance = rates.Daily(stage, band, to);
            leaves += chance;
            if (to < FlowShape.Stages && to != stage)
            {
                won += chance * entering[to];
            }
        }

        return won + ((1 - leaves) * before[(stage * Ages) + Math.Min(age + 1, FlowShape.AgeCap)]);
    }

    /// <summary>For each stage, the chance that a deal entering it with t - 1 days left is won within them (today's
    /// same-day moves included). Same-day moves may chain; three rounds settle them, as such chains are rare.</summary>
    private static void Entering(FlowRates rates, double[] before, double[] entering)
    {
        Array.Clear(entering);
        for (var round = 0; round < 3; round++)
        {
            for (var stage = 0; stage < FlowShape.Stages; stage++)
            {
                var value = rates.SameDay(stage, FlowShape.Won);
                var leaves = 0d;
                for (var to = 0; to < FlowShape.Destinations; to++)
                {
                    var chance = rates.SameDay(stage, to);
                    leaves += chance;
                    if (to < FlowShape.Stages && to != stage)
                    {
                        value += chance * entering[to];
                    }
                }

                entering[stage] = value + ((1 - leaves) * before[(stage * Ages) + 1]);
            }
        }
    }
}
