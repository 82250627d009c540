using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Features;

/// <summary>What the database sums for one group, period (its index), stage, category and currency.</summary>
internal sealed class RollupRow
{
    public string? Group { get; init; }

    public int Period { get; init; }

    public OpportunityStage? Stage { get; init; }

    public ForecastCategory? Category { get; init; }

    public string? Currency { get; init; }

    public int Deals { get; init; }

    public decimal? Total { get; init; }

    public decimal? Weighted { get; init; }
}
