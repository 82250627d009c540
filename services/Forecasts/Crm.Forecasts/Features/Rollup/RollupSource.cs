using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Features;

/// <summary>
/// A deal as a roll-up counts it: in a group, on the day that places it in a period (its close date while open, the day
/// it closed once won or lost). A class with settable members, not a record, so that the database can go on grouping it.
/// </summary>
internal sealed class RollupSource
{
    public string? Group { get; init; }

    public DateOnly? Day { get; init; }

    public OpportunityStage? Stage { get; init; }

    public ForecastCategory? Category { get; init; }

    public string? Currency { get; init; }

    public decimal? Amount { get; init; }

    public int? Probability { get; init; }
}
