namespace Crm.Forecasts.Domain.Snapshots;

/// <summary>Snapshots are taken once a week, on one day: the latest such day up to today is the one due.</summary>
internal static class SnapshotSchedule
{
    public static DateOnly LatestDue(DateOnly today, DayOfWeek day) => today.AddDays(-(((int)today.DayOfWeek - (int)day + 7) % 7));
}
