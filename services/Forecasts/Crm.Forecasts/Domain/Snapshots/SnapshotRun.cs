using Crm.Contracts.Forecasts;

namespace Crm.Forecasts.Domain.Snapshots;

/// <summary>One day's snapshots: the row a replica claims before taking them, so that they are taken once.</summary>
internal sealed class SnapshotRun
{
    public DateOnly TakenOn { get; init; }

    public ForecastPeriodKind PeriodKind { get; init; }

    public DateOnly StartsOn { get; init; }

    public DateOnly EndsOn { get; init; }

    public DateTimeOffset TakenAt { get; init; }
}
