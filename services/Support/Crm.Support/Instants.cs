namespace Crm.Support;

/// <summary>"Now" as the database keeps it: PostgreSQL stores microseconds, so an instant a command returns is the
/// one a later read returns.</summary>
internal static class Instants
{
    public static DateTimeOffset UtcNowInMicroseconds(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
