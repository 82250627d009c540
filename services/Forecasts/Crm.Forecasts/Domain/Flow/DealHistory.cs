using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// A deal's path as its events tell it: the stages it went through and when, how the rep forecast it over time, and
/// how it ended. Events are taken in the order of their versions, whatever order they came in. A day's events count
/// from the next day on: the state "on a day" is the state at its start.
/// </summary>
internal sealed class DealHistory
{
    private readonly List<StageSpell> _spells = [];
    private readonly List<ForecastRevision> _revisions = [];

    private DealHistory(Guid opportunityId, string ownerId, string? salesTeam)
    {
        (OpportunityId, OwnerId, SalesTeam) = (opportunityId, ownerId, salesTeam);
    }

    public Guid OpportunityId { get; }

    public string OwnerId { get; private set; }

    public string? SalesTeam { get; }

    public IReadOnlyList<StageSpell> Spells => _spells;

    public IReadOnlyList<ForecastRevision> Revisions => _revisions;

    /// <summary>Won or Lost, once the deal closed.</summary>
    public OpportunityStage? Outcome { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    /// <summary>What a won deal brought in.</summary>
    public decimal WonAmount { get; private set; }

    public DateOnly OpenedOn => _spells[0].EnteredOn;

    /// <summary>The history the events of one deal tell, or null when its opening is not among them.</summary>
    public static DealHistory? From(IEnumerable<IIntegrationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        DealHistory? deal = null;
        foreach (var e in events.OrderBy(e => e.Version))
        {
            if (e is OpportunityOpened opened)
            {
                deal = new DealHistory(opened.OpportunityId, opened.OwnerId, opened.SalesTeam);
                deal._spells.Add(new StageSpell(opened.Stage, Day(opened.OccurredAt)));
                deal._revisions.Add(new ForecastRevision(Day(opened.OccurredAt), opened.ExpectedCloseOn, ForecastCategory.Pipeline, opened.Probability, opened.Amount.Amount));
            }
            else
            {
                deal?.Apply(e);
            }
        }

        return deal;
    }

    /// <summary>The deal as it stood at the start of <paramref name="day"/>, or null when it was not open then.</summary>
    public DealState? AsOf(DateOnly day)
    {
        if (OpenedOn >= day || (ClosedOn is { } closed && closed < day))
        {
            return null;
        }

        var spell = _spells.Last(s => s.EnteredOn < day);
        var forecast = _revisions.Last(r => r.On < day);
        return new DealState(spell.Stage, day.DayNumber - spell.EnteredOn.DayNumber, forecast);
    }

    /// <summary>Whether the deal was won between two days (both included).</summary>
    public bool WonBetween(DateOnly first, DateOnly last) =>
        Outcome == OpportunityStage.Won && ClosedOn >= first && ClosedOn <= last;

    private void Apply(IIntegrationEvent e)
    {
        switch (e)
        {
            case OpportunityStageChanged changed when Outcome is null:
                _spells.Add(new StageSpell(changed.Stage, Day(changed.OccurredAt)));
                break;
            case ForecastUpdated updated:
                OwnerId = updated.OwnerId;
                _revisions.Add(new ForecastRevision(Day(updated.OccurredAt), updated.ExpectedCloseOn, updated.Category, updated.Probability, updated.Amount.Amount));
                break;
            case OpportunityWon won:
                (Outcome, ClosedOn, WonAmount) = (OpportunityStage.Won, won.WonOn, won.Total.Amount);
                break;
            case OpportunityLost lost:
                (Outcome, ClosedOn) = (OpportunityStage.Lost, Day(lost.OccurredAt));
                break;
            default:
                break;
        }
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
