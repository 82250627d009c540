namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// The daily chances of a flow: for a deal in an open stage at an age, the chance that on that day it moves to each
/// destination; and for a deal just entering a stage, the chance that it leaves again the same day. Learnt from an
/// experience, or as a broader flow (a rep's team's) scaled to an experience.
/// </summary>
internal sealed class FlowRates
{
    private readonly double[] _daily = new double[FlowShape.Stages * FlowShape.Bands * FlowShape.Destinations];
    private readonly double[] _sameDay = new double[FlowShape.Stages * FlowShape.Destinations];

    public double Daily(int stage, int band, int destination) => _daily[(((stage * FlowShape.Bands) + band) * FlowShape.Destinations) + destination];

    public double SameDay(int stage, int destination) => _sameDay[(stage * FlowShape.Destinations) + destination];

    /// <summary>The rates of <paramref name="experience"/> alone. A band no deal reached takes the band before it.</summary>
    public static FlowRates Of(FlowExperience experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        var rates = new FlowRates();
        for (var stage = 0; stage < FlowShape.Stages; stage++)
        {
            var entries = experience.Entries(stage);
            for (var to = 0; to < FlowShape.Destinations; to++)
            {
                rates._sameDay[(stage * FlowShape.Destinations) + to] = entries > 0 ? experience.SameDayExits(stage, to) / entries : 0;
                for (var band = 0; band < FlowShape.Bands; band++)
                {
                    var index = (((stage * FlowShape.Bands) + band) * FlowShape.Destinations) + to;
                    var days = experience.Days(stage, band);
                    rates._daily[index] = days >= 1 ? experience.Exits(stage, band, to) / days : band > 0 ? rates._daily[index - FlowShape.Destinations] : 0;
                }
            }
        }

        rates.KeepChancesWhole();
        return rates;
    }

    /// <summary>
    /// The rates of <paramref name="experience"/> as <paramref name="broader"/>'s scaled by how often its deals really
    /// went from each stage to each destination against how often the broader rates say they would have, over all ages
    /// at once: a rep's deals that are won more often, or move faster, scale their team's rates up. Each scale leans on 1
    /// as if <see cref="FlowSettings.PriorExits"/> more exits had gone exactly as expected, so a thin experience stays
    /// close to the broader flow. Scaling over all ages needs far fewer deals than learning each age band anew.
    /// </summary>
    public static FlowRates Learn(FlowExperience experience, FlowRates broader, FlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(experience);
        ArgumentNullException.ThrowIfNull(broader);
        ArgumentNullException.ThrowIfNull(settings);
        var rates = new FlowRates();
        var prior = settings.PriorExits;
        for (var stage = 0; stage < FlowShape.Stages; stage++)
        {
            for (var to = 0; to < FlowShape.Destinations; to++)
            {
                var (seen, expected) = (0d, 0d);
                for (var band = 0; band < FlowShape.Bands; band++)
                {
                    seen += experience.Exits(stage, band, to);
                    expected += experience.Days(stage, band) * broader.Daily(stage, band, to);
                }

                var scale = (seen + prior) / (expected + prior);
                for (var band = 0; band < FlowShape.Bands; band++)
                {
                    var index = (((stage * FlowShape.Bands) + band) * FlowShape.Destinations) + to;
                    rates._daily[index] = broader._daily[index] * scale;
                }

                var entries = experience.Entries(stage);
                var sameDay = (experience.SameDayExits(stage, to) + (prior * broader.SameDay(stage, to))) / (entries + prior);
                rates._sameDay[(stage * FlowShape.Destinations) + to] = sameDay;
            }
        }

        rates.KeepChancesWhole();
        return rates;
    }

    /// <summary>Scaled rates, or a band where a stale deal or two left on their first day, can add up to more than
    /// certainty: such a cell's chances are scaled down to add up to 1, keeping their proportions.</summary>
    private void KeepChancesWhole()
    {
        Whole(_sameDay);
        Whole(_daily);
    }

    private static void Whole(double[] chances)
    {
        for (var cell = 0; cell < chances.Length; cell += FlowShape.Destinations)
        {
            var total = 0d;
            for (var to = 0; to < FlowShape.Destinations; to++)
            {
                total += chances[cell + to];
            }

            for (var to = 0; total > 1 && to < FlowShape.Destinations; to++)
            {
                chances[cell + to] /= total;
            }
        }
    }
}
