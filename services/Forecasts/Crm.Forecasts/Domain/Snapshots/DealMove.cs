using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Snapshots;

/// <summary>A deal that moved for a period since a snapshot: as it stood then (null if it was not open then) and now.</summary>
internal sealed record DealMove(DealMoveKind Kind, SnapshotDeal? Before, ForecastEntry After)
{
    /// <summary>How the deal moved for the period between <paramref name="since"/> and now; null when it did not.</summary>
    public static DealMove? Of(SnapshotDeal? before, ForecastEntry after, DateOnly since, DateOnly periodStarts, DateOnly periodEnds)
    {
        ArgumentNullException.ThrowIfNull(after);
        bool InPeriod(DateOnly? day) => day >= periodStarts && day <= periodEnds;
        var wasDue = before is not null && InPeriod(before.CloseOn);
        DealMoveKind? kind = after.Stage switch
        {
            OpportunityStage.Won when after.ClosedOn >= since && InPeriod(after.ClosedOn) => DealMoveKind.Won,
            OpportunityStage.Lost when after.ClosedOn >= since && (wasDue || InPeriod(after.ClosedOn)) => DealMoveKind.Lost,
            OpportunityStage.Won or OpportunityStage.Lost or null => null,
            _ when InPeriod(after.CloseOn) && !wasDue => DealMoveKind.Added,
            _ when wasDue && after.CloseOn > periodEnds => DealMoveKind.Slipped,
            _ when wasDue && after.CloseOn > before!.CloseOn => DealMoveKind.Pushed,
            _ => null,
        };
        return kind is { } moved ? new DealMove(moved, before, after) : null;
    }
}
