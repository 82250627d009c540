using Crm.Contracts.Opportunities;

namespace Crm.SalesHistory;

/// <summary>
/// The chance the truth itself gives an open deal of being won in a window: what a forecast that knew how the history
/// was generated would say. A benchmark measures forecasts against it, to tell their error from the luck no forecast can
/// know. Each answer is estimated by drawing the deal's rest of life many times, the days already spent in its stage
/// taken into account (a deal that lingers is more likely one that will be lost).
/// </summary>
public sealed class TruthOracle(SalesTruth truth, int draws = 400)
{
    /// <summary>The chance that a deal of <paramref name="rep"/>, in <paramref name="stage"/> for <paramref name="age"/>
    /// days on day 1, is won on one of the days <paramref name="firstDay"/>..<paramref name="lastDay"/>.</summary>
    public double ChanceOfWinning(SalesRep rep, OpportunityStage stage, int age, int firstDay, int lastDay, Random random)
    {
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(random);
        var won = 0;
        for (var draw = 0; draw < draws; draw++)
        {
            var wonOnDay = WonOn(rep, stage, age, random);
            won += wonOnDay >= firstDay && wonOnDay <= lastDay ? 1 : 0;
        }

        return won / (double)draws;
    }

    /// <summary>The day (1 = today) a drawn rest of life is won on, or 0 when it is lost.</summary>
    private int WonOn(SalesRep rep, OpportunityStage stage, int age, Random random)
    {
        // The current stage: it has lasted at least `age` days, which tells whether it is more likely moving on or lost.
        var (movesOn, days) = Remaining(rep, stage, age, random);
        var day = days - age + 1;
        while (movesOn)
        {
            stage = SalesTruth.Next(stage, Draw.Chance(random, truth.SkipsObjections));
            if (stage == OpportunityStage.Won)
            {
                return day;
            }

            (movesOn, days) = Remaining(rep, stage, 0, random);
            day += days;
        }

        return 0;
    }

    /// <summary>Whether the stay moves on and its whole length in days, given it has lasted at least <paramref name="age"/>.</summary>
    private (bool MovesOn, int Days) Remaining(SalesRep rep, OpportunityStage stage, int age, Random random)
    {
        var p = truth.ChanceOfMovingOn(stage, rep.TeamSkill, rep.Skill);
        var median = truth.MedianDays[SalesTruth.Index(stage)] * rep.Pace;
        var (onMedian, lostMedian) = (median, median * truth.LostTakesLonger);

        // A drawn length rounds to whole days: lasting at least `age` days means drawing at least age - 0.5.
        var floor = Math.Log(Math.Max(age - 0.5, 1e-9));
        var (onBelow, lostBelow) = (Normal.Cdf((floor - Math.Log(onMedian)) / truth.DaysSpread), Normal.Cdf((floor - Math.Log(lostMedian)) / truth.DaysSpread));
        var (onWeight, lostWeight) = (p * (1 - onBelow), (1 - p) * (1 - lostBelow));
        var movesOn = random.NextDouble() * (onWeight + lostWeight) < onWeight;
        var (below, chosen) = movesOn ? (onBelow, onMedian) : (lostBelow, lostMedian);
        var u = below + (random.NextDouble() * (1 - below));
        var length = chosen * Math.Exp(truth.DaysSpread * Normal.Quantile(Math.Clamp(u, 1e-12, 1 - 1e-12)));
        return (movesOn, Math.Max((int)Math.Round(length), age));
    }
}
