using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Domain;

namespace Crm.Opportunities.Domain;

/// <summary>A deal of the past, replayed change by change so that it raises the events it would have raised, dated as
/// it happened (each day at noon UTC).</summary>
internal sealed partial class Opportunity
{
    /// <summary>The most dated changes one deal of the past brings.</summary>
    public const int MostHistoricSteps = 100;

    /// <summary>
    /// Replays <paramref name="deal"/>: opened, moved and revised by its owner on the days its steps say, then won or lost.
    /// Its days run forward from the opening and none is after <paramref name="today"/>; a deal won in the past raises
    /// <see cref="OpportunityWon"/> marked from history, with no lines (its order was booked in the system of its time).
    /// </summary>
    public static Result<Opportunity> Replay(HistoricDeal deal, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(deal);
        if (HistoryRefusal(deal, today) is { } refused)
        {
            return refused;
        }

        var opportunity = Open(new OpportunityOrigin(deal.OpportunityId, null, null, null, deal.SalesTeam), deal.CustomerId, deal.Name, deal.OwnerId, deal.Amount, deal.CloseDate, Noon(deal.OpenedOn));
        for (var i = 0; i < deal.Steps.Count; i++)
        {
            var step = deal.Steps[i];
            var moved = step.Stage is { } stage ? opportunity.MoveTo(stage, deal.OwnerId, Noon(step.On)) : Result.Done;
            var revised = moved.IsDone && (step.CloseDate is not null || step.Category is not null)
                ? opportunity.Revise(new DealRevision(null, step.CloseDate, [], null, step.Category), deal.OwnerId, Noon(step.On))
                : moved;
            if (revised.Error is { } error)
            {
                return error with { Field = $"steps[{i}].{error.Field ?? "stage"}" };
            }
        }

        if (deal.WonOn is { } wonOn)
        {
            opportunity.WonInThePast(Noon(wonOn));
        }
        else if (deal.LostOn is { } lostOn)
        {
            opportunity.Lose(deal.LossReason!, deal.OwnerId, Noon(lostOn));
        }

        return opportunity;
    }

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    private static DomainError? HistoryRefusal(HistoricDeal deal, DateOnly today)
    {
        if (deal.Steps.Count > MostHistoricSteps)
        {
            return DomainError.Invalid("steps", $"are at most {MostHistoricSteps} per deal");
        }

        if (deal.WonOn is not null && deal.LostOn is not null)
        {
            return DomainError.Invalid("lost_on", "a deal is won or lost, not both");
        }

        if (deal.LostOn is not null && string.IsNullOrWhiteSpace(deal.LossReason))
        {
            return DomainError.Invalid("loss_reason", "is required with lost_on");
        }

        if (deal.OpenedOn > today)
        {
            return DomainError.Invalid("opened_on", $"must not be after today ({today:yyyy-MM-dd}): history is what happened");
        }

        var last = deal.OpenedOn;
        for (var i = 0; i < deal.Steps.Count; i++)
        {
            var on = deal.Steps[i].On;
            if (on < last || on > today)
            {
                return DomainError.Invalid($"steps[{i}].on", $"must be between {last:yyyy-MM-dd} (the day before it) and today ({today:yyyy-MM-dd})");
            }

            last = on;
        }

        return (deal.WonOn ?? deal.LostOn) is { } endedOn && (endedOn < last || endedOn > today)
            ? DomainError.Invalid(deal.WonOn is null ? "lost_on" : "won_on", $"must be between {last:yyyy-MM-dd} (the last step) and today ({today:yyyy-MM-dd})")
            : null;
    }

    /// <summary>Wins the deal on a day of the past, at its amount, without lines.</summary>
    private void WonInThePast(DateTimeOffset at)
    {
        Stage = OpportunityStage.Won;
        ForecastCategory = ForecastCategory.Closed;
        Probability = StageProbability.Default(OpportunityStage.Won);
        ClosedAt = at;
        ClosedBy = OwnerId;
        Version++;
        var total = new Money(Currency, Amount);
        Raise(new OpportunityWon(
            Guid.CreateVersion7(at), at, CustomerId, OpportunityId, Version, OwnerId, [], total, DateOnly.FromDateTime(at.UtcDateTime), null, null, FromHistory: true));
    }
}
