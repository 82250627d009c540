using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// A deal's path as its steps (its events) tell it: the stages it went through and when, how the rep forecast it over time, and
/// how it ended. Steps are taken in the order of their versions, whatever order they came in. A day's steps count
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

    /// <summary>The currency of the deal's amount.</summary>
    public string? Currency { get; private set; }

    public IReadOnlyList<StageSpell> Spells => _spells;

    public IReadOnlyList<ForecastRevision> Revisions => _revisions;

    /// <summary>Won or Lost, once the deal closed.</summary>
    public OpportunityStage? Outcome { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    /// <summary>What a won deal brought in.</summary>
    public decimal WonAmount { get; private set; }

    public DateOnly OpenedOn => _spells[0].EnteredOn;

    /// <summary>The history one deal's steps tell, or null when its opening (version 1) is not among them.</summary>
    public static DealHistory? From(IEnumerable<DealStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        DealHistory? deal = null;
        foreach (var step in steps.OrderBy(s => s.Version))
        {
            if (step.Version == 1 && step.Stage is { } stage)
            {
                deal = new DealHistory(step.OpportunityId, step.OwnerId ?? string.Empty, step.SalesTeam);
                deal._spells.Add(new StageSpell(stage, step.On));
                deal.Currency = step.Currency;
                if (stage is OpportunityStage.Won or OpportunityStage.Lost)
                {
                    // Opened already closed (an imported deal): never open on any day.
                    (deal.Outcome, deal.ClosedOn) = (stage, step.ClosedOn ?? step.On);
                }
                deal._revisions.Add(new ForecastRevision(step.On, step.CloseOn ?? step.On, step.Category ?? ForecastCategory.Pipeline, step.Probability ?? 0, step.Amount ?? 0));
            }
            else
            {
                deal?.Apply(step);
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

    private void Apply(DealStep step)
    {
        if (Outcome is not null)
        {
            return;
        }

        OwnerId = step.OwnerId ?? OwnerId;
        Currency = step.Currency ?? Currency;
        if (step.Stage is OpportunityStage.Won or OpportunityStage.Lost)
        {
            (Outcome, ClosedOn) = (step.Stage, step.ClosedOn ?? step.On);
            WonAmount = step.Stage == OpportunityStage.Won ? step.Amount ?? 0 : 0;
            return;
        }

        if (step.Stage is { } stage && stage != _spells[^1].Stage)
        {
            _spells.Add(new StageSpell(stage, step.On));
        }

        var last = _revisions[^1];
        if (step.CloseOn is not null || step.Category is not null || step.Probability is not null || step.Amount is not null)
        {
            _revisions.Add(new ForecastRevision(
                step.On, step.CloseOn ?? last.CloseOn, step.Category ?? last.Category, step.Probability ?? last.Probability, step.Amount ?? last.Amount));
        }
    }
}
