using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Snapshots;

/// <summary>An open deal as it stood when a snapshot was taken, to tell later what moved since.</summary>
internal sealed class SnapshotDeal
{
    public DateOnly TakenOn { get; init; }

    public Guid OpportunityId { get; init; }

    public string? OwnerId { get; init; }

    public string? SalesTeam { get; init; }

    public OpportunityStage? Stage { get; init; }

    public ForecastCategory? Category { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public DateOnly? CloseOn { get; init; }
}
