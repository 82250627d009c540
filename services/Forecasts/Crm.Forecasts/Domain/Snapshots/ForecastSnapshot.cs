using Crm.Contracts;
using Crm.Contracts.Forecasts;
using Crm.Domain;

namespace Crm.Forecasts.Domain.Snapshots;

/// <summary>
/// The forecast of a rep, a team or the company for a period in one currency, frozen on the day it was taken: the open
/// deals due in the period (and of them the best case and the committed), what was already won in it, and the quota.
/// Kept as history and published, so that accuracy can be measured against it later. Never changed once taken.
/// </summary>
internal sealed class ForecastSnapshot : AggregateRoot
{
    private ForecastSnapshot()
    {
    }

    public Guid SnapshotId { get; private set; }

    public DateOnly TakenOn { get; private set; }

    public ForecastScope Scope { get; private set; }

    public string ScopeId { get; private set; } = string.Empty;

    public ForecastPeriodKind PeriodKind { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    public decimal Pipeline { get; private set; }

    public decimal BestCase { get; private set; }

    public decimal Commit { get; private set; }

    public decimal Closed { get; private set; }

    public decimal? Quota { get; private set; }

    public static ForecastSnapshot Take(DateOnly takenOn, ForecastPeriod period, ForecastScope scope, string scopeId, SnapshotFigures figures, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(figures);
        var snapshot = new ForecastSnapshot
        {
            SnapshotId = Guid.CreateVersion7(at),
            TakenOn = takenOn,
            Scope = scope,
            ScopeId = scopeId,
            PeriodKind = period.Kind,
            StartsOn = period.StartsOn,
            EndsOn = period.EndsOn,
            Currency = figures.Currency,
            Pipeline = figures.Pipeline,
            BestCase = figures.BestCase,
            Commit = figures.Commit,
            Closed = figures.Closed,
            Quota = figures.Quota,
            Version = 1,
        };
        var money = (decimal amount) => new Money(figures.Currency, amount);
        snapshot.Raise(new ForecastSnapshotTaken(
            Guid.CreateVersion7(at), at, snapshot.SnapshotId, snapshot.Version, period, scope, scopeId,
            money(figures.Pipeline), money(figures.BestCase), money(figures.Commit), money(figures.Closed), figures.Quota is { } quota ? money(quota) : null));
        return snapshot;
    }
}
