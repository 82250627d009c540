namespace Crm.Contracts.Opportunities;

/// <summary>The probability of winning that a stage sets by default: opportunities sets it, and what reads its events
/// (a generated sales history, the forecast that weighs deals by it) knows the same table.</summary>
public static class StageProbability
{
    public static int Default(OpportunityStage stage) => stage switch
    {
        OpportunityStage.Qualification => 10,
        OpportunityStage.Proposal => 25,
        OpportunityStage.Negotiation => 50,
        OpportunityStage.HandlingObjections => 60,
        OpportunityStage.Closing => 80,
        OpportunityStage.Won => 100,
        OpportunityStage.Lost => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a stage"),
    };
}
