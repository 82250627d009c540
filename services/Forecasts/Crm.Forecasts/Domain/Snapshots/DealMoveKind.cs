namespace Crm.Forecasts.Domain.Snapshots;

/// <summary>How a deal moved, for a period, since a snapshot.</summary>
internal enum DealMoveKind
{
    /// <summary>Now due in the period, and was not then (new, or pulled in from later).</summary>
    Added,

    /// <summary>Was due in the period, and now is due after it.</summary>
    Slipped,

    /// <summary>Was due in the period and still is, but later than then.</summary>
    Pushed,

    /// <summary>Won since, in the period.</summary>
    Won,

    /// <summary>Lost since: it had been due in the period, or was lost in it.</summary>
    Lost,
}
