using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.SalesHistory;

/// <summary>
/// One deal's life, from the day it opens until it is won, lost, or the history ends: at each stage the truth decides
/// whether it moves on and after how many days; the rep sets a close date as optimistic as they are, pushes it when it
/// passes, and calls the deal's forecast category by its stage.
/// </summary>
internal sealed class DealWalk(SalesHistorySettings settings, SalesRep rep, Random random, Guid customerId, DateOnly openedOn)
{
    private readonly SalesTruth _truth = settings.Truth;
    private readonly Guid _opportunityId = Draw.Guid(random);
    private readonly List<IIntegrationEvent> _events = [];
    private Money _amount = null!;
    private OpportunityStage _stage = OpportunityStage.Qualification;
    private DateOnly _closeOn;

    public GeneratedDeal Walk(string name)
    {
        var amount = Math.Round((decimal)Draw.LogNormal(random, (double)_truth.MedianAmount, _truth.AmountSpread) / 100m) * 100m;
        _amount = new Money(_truth.Currency, Math.Max(amount, 100m));
        _closeOn = openedOn.AddDays(Expected(_stage));
        var probability = StageProbability.Default(_stage);
        _events.Add(new OpportunityOpened(
            Draw.Guid(random), At(openedOn), customerId, _opportunityId, 1, name, rep.UserId, _stage, probability, _amount, _closeOn,
            LeadSource.Referral, null, null, rep.Team));
        Forecast(openedOn);
        var day = openedOn;
        while (true)
        {
            var movesOn = Draw.Chance(random, _truth.ChanceOfMovingOn(_stage, rep.TeamSkill, rep.Skill));
            var median = _truth.MedianDays[SalesTruth.Index(_stage)] * rep.Pace * (movesOn ? 1 : _truth.LostTakesLonger);
            var leavesOn = day.AddDays((int)Math.Round(Draw.LogNormal(random, median, _truth.DaysSpread)));
            PushWhileOverdue(Min(leavesOn, settings.To.AddDays(1)));
            if (leavesOn > settings.To)
            {
                break;
            }

            if (!movesOn)
            {
                _events.Add(new OpportunityLost(Draw.Guid(random), At(leavesOn), customerId, _opportunityId, NextVersion, rep.UserId, _stage, "Chose another offer", null, _amount));
                break;
            }

            var next = SalesTruth.Next(_stage, Draw.Chance(random, _truth.SkipsObjections));
            if (next == OpportunityStage.Won)
            {
                _events.Add(new OpportunityWon(Draw.Guid(random), At(leavesOn), customerId, _opportunityId, NextVersion, rep.UserId, [], _amount, leavesOn, null, null));
                break;
            }

            _events.Add(new OpportunityStageChanged(
                Draw.Guid(random), At(leavesOn), customerId, _opportunityId, NextVersion, _stage, next, StageProbability.Default(next), rep.UserId));
            (_stage, day) = (next, leavesOn);
            Forecast(day);
        }

        return new GeneratedDeal(_opportunityId, rep, _events);
    }

    private long NextVersion => _events.Count + 1;

    /// <summary>The days the rep expects the deal to need from <paramref name="stage"/> until it is won.</summary>
    private int Expected(OpportunityStage stage) => (int)Math.Round(_truth.DaysToWin(stage) * rep.Optimism);

    /// <summary>Each day the close date has passed with the deal still open (before <paramref name="until"/>), the rep
    /// pushes it.</summary>
    private void PushWhileOverdue(DateOnly until)
    {
        while (_closeOn.AddDays(1) < until)
        {
            var pushedOn = _closeOn.AddDays(1);
            _closeOn = pushedOn.AddDays(random.Next(_truth.PushDays.Least, _truth.PushDays.Most + 1));
            Forecast(pushedOn);
        }
    }

    private void Forecast(DateOnly on) => _events.Add(new ForecastUpdated(
        Draw.Guid(random), At(on), customerId, _opportunityId, NextVersion, rep.UserId, _stage, Category(), StageProbability.Default(_stage), _amount, _closeOn));

    /// <summary>How the rep calls the deal: a Closing deal is committed, and an optimistic rep commits earlier.</summary>
    private ForecastCategory Category() => _stage switch
    {
        OpportunityStage.Closing => ForecastCategory.Commit,
        OpportunityStage.HandlingObjections => rep.Optimism < 0.6 ? ForecastCategory.Commit : ForecastCategory.BestCase,
        OpportunityStage.Negotiation => ForecastCategory.BestCase,
        OpportunityStage.Proposal when rep.Optimism < 0.55 => ForecastCategory.BestCase,
        _ => ForecastCategory.Pipeline,
    };

    /// <summary>Events of a day happen in their order, during working hours.</summary>
    private DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddMinutes(_events.Count);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
