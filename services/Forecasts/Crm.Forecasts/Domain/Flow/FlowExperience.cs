using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// What a rep's (or a team's) deals did up to a day, counted for the flow: for each open stage and band of age, the days
/// deals spent in it and where those that left on such a day went; and for each stage, how many deals entered it and
/// how many left it the same day. A deal still in a stage on that day counts the days it has spent so far and no exit,
/// so deals not yet finished neither vanish nor count as lost.
/// </summary>
internal sealed class FlowExperience
{
    private readonly double[] _days = new double[FlowShape.Stages * FlowShape.Bands];
    private readonly double[] _exits = new double[FlowShape.Stages * FlowShape.Bands * FlowShape.Destinations];
    private readonly double[] _entries = new double[FlowShape.Stages];
    private readonly double[] _sameDayExits = new double[FlowShape.Stages * FlowShape.Destinations];

    public double Days(int stage, int band) => _days[(stage * FlowShape.Bands) + band];

    public double Exits(int stage, int band, int destination) => _exits[(((stage * FlowShape.Bands) + band) * FlowShape.Destinations) + destination];

    public double Entries(int stage) => _entries[stage];

    public double SameDayExits(int stage, int destination) => _sameDayExits[(stage * FlowShape.Destinations) + destination];

    /// <summary>Counts what <paramref name="deal"/> did before <paramref name="asOf"/>.</summary>
    public void Add(DealHistory deal, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var spells = deal.Spells;
        for (var i = 0; i < spells.Count && spells[i].EnteredOn < asOf; i++)
        {
            var (stage, entered) = ((int)spells[i].Stage, spells[i].EnteredOn);
            if (!FlowShape.IsOpen(spells[i].Stage))
            {
                continue;
            }

            var (leftOn, to) = i + 1 < spells.Count
                ? (spells[i + 1].EnteredOn, spells[i + 1].Stage)
                : (deal.ClosedOn ?? DateOnly.MaxValue, deal.Outcome ?? OpportunityStage.Lost);
            _entries[stage]++;
            if (leftOn >= asOf)
            {
                AddDays(stage, asOf.DayNumber - 1 - entered.DayNumber);
                continue;
            }

            var age = leftOn.DayNumber - entered.DayNumber;
            if (age == 0)
            {
                _sameDayExits[(stage * FlowShape.Destinations) + (int)to]++;
                continue;
            }

            AddDays(stage, age);
            _exits[(((stage * FlowShape.Bands) + FlowShape.Band(age)) * FlowShape.Destinations) + (int)to]++;
        }
    }

    /// <summary>Adds what <paramref name="other"/> counted (a rep's experience to their team's).</summary>
    public void Add(FlowExperience other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Sum(_days, other._days);
        Sum(_exits, other._exits);
        Sum(_entries, other._entries);
        Sum(_sameDayExits, other._sameDayExits);
    }

    /// <summary>A deal in <paramref name="stage"/> at ages 1..<paramref name="last"/>.</summary>
    private void AddDays(int stage, int last)
    {
        for (var band = 0; band < FlowShape.Bands; band++)
        {
            _days[(stage * FlowShape.Bands) + band] += FlowShape.DaysIn(band, last);
        }
    }

    private static void Sum(double[] into, double[] from)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }
}
