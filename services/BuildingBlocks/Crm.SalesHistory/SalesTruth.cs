using Crm.Contracts.Opportunities;

namespace Crm.SalesHistory;

/// <summary>
/// How deals really move in a generated history: what the generator sets and a forecast has to learn. An open deal
/// moves through <see cref="OpenStages"/> in order (Negotiation may skip Handling objections), or is lost from any of
/// them; Closing moves on to Won.
/// </summary>
public sealed record SalesTruth
{
    /// <summary>The open stages, in the order deals move through them.</summary>
    public static IReadOnlyList<OpportunityStage> OpenStages { get; } =
        [OpportunityStage.Qualification, OpportunityStage.Proposal, OpportunityStage.Negotiation, OpportunityStage.HandlingObjections, OpportunityStage.Closing];

    /// <summary>For an average rep of an average team, the chance that a deal in each open stage moves on rather than
    /// being lost, in the order of <see cref="OpenStages"/>.</summary>
    public IReadOnlyList<double> MovesOn { get; init; } = [0.55, 0.65, 0.75, 0.80, 0.85];

    /// <summary>The chance that a deal moving on from Negotiation goes straight to Closing.</summary>
    public double SkipsObjections { get; init; } = 0.4;

    /// <summary>The median days an average rep's deal stays in each open stage before it moves on.</summary>
    public IReadOnlyList<double> MedianDays { get; init; } = [18, 24, 21, 12, 15];

    /// <summary>The spread of the days in a stage (the standard deviation of their logarithm).</summary>
    public double DaysSpread { get; init; } = 0.6;

    /// <summary>How much longer a deal lingers in a stage before it is lost than before it moves on.</summary>
    public double LostTakesLonger { get; init; } = 1.3;

    /// <summary>How much reps differ in winning: the standard deviation of a rep's shift of the log-odds of moving on.</summary>
    public double RepSkillSpread { get; init; } = 0.35;

    /// <summary>The same for teams.</summary>
    public double TeamSkillSpread { get; init; } = 0.25;

    /// <summary>How much reps differ in pace: the standard deviation of the logarithm of a rep's factor on days in stage.</summary>
    public double RepPaceSpread { get; init; } = 0.25;

    /// <summary>The median amount of a deal, in <see cref="Currency"/>.</summary>
    public decimal MedianAmount { get; init; } = 25_000m;

    /// <summary>The spread of amounts (the standard deviation of their logarithm).</summary>
    public double AmountSpread { get; init; } = 0.9;

    public string Currency { get; init; } = "EUR";

    /// <summary>The least and most share of a deal's real remaining time that a rep expects when setting its close date
    /// (each rep draws one): below 1, reps are optimistic and deals slip.</summary>
    public (double Least, double Most) Optimism { get; init; } = (0.45, 0.8);

    /// <summary>The least and most days a rep pushes an overdue close date by.</summary>
    public (int Least, int Most) PushDays { get; init; } = (14, 45);

    /// <summary>The chance that a deal in <paramref name="stage"/> moves on, for a rep and team with these skills.</summary>
    public double ChanceOfMovingOn(OpportunityStage stage, double teamSkill, double repSkill)
    {
        var p = MovesOn[Index(stage)];
        var logOdds = Math.Log(p / (1 - p)) + teamSkill + repSkill;
        return 1 / (1 + Math.Exp(-logOdds));
    }

    /// <summary>The stage a deal moving on from <paramref name="stage"/> goes to, Won after Closing.</summary>
    public static OpportunityStage Next(OpportunityStage stage, bool skipsObjections) => stage switch
    {
        OpportunityStage.Negotiation when skipsObjections => OpportunityStage.Closing,
        OpportunityStage.Closing => OpportunityStage.Won,
        _ => OpenStages[Index(stage) + 1],
    };

    /// <summary>The days an average rep expects a deal in <paramref name="stage"/> to need until it is won.</summary>
    public double DaysToWin(OpportunityStage stage) => MedianDays.Skip(Index(stage)).Sum();

    public static int Index(OpportunityStage stage)
    {
        for (var i = 0; i < OpenStages.Count; i++)
        {
            if (OpenStages[i] == stage)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(stage), stage, "not an open stage");
    }
}
