using Crm.Contracts.Forecasts;

namespace Crm.Forecasts.Features;

/// <summary>When forecasts are snapshot, from the <c>Forecasts:Snapshots</c> section.</summary>
public sealed class SnapshotOptions
{
    public const string Section = "Forecasts:Snapshots";

    /// <summary>The day of the week snapshots are taken (UTC); a day missed while the service was down is taken when it
    /// comes back, unless the next one is already due.</summary>
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>The period a snapshot forecasts: the one containing the day it is taken.</summary>
    public ForecastPeriodKind Period { get; set; } = ForecastPeriodKind.Quarter;

    /// <summary>How often the service looks whether a snapshot is due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many weeks each deal's snapshot state is kept, to tell what moved since.</summary>
    public int DealsKeptWeeks { get; set; } = 13;
}
