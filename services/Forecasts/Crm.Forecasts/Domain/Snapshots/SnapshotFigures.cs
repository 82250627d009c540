namespace Crm.Forecasts.Domain.Snapshots;

/// <summary>What a snapshot freezes, in one currency: the open deals due in the period (all of them, the best case and
/// the committed), the deals won in it, and the quota when one is set in that currency.</summary>
internal sealed record SnapshotFigures(string Currency, decimal Pipeline, decimal BestCase, decimal Commit, decimal Closed, decimal? Quota);
