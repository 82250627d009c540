namespace Crm.Messaging.Data;

/// <summary>The one way a service reads "now" for what it stores and publishes.</summary>
public static class StoredTime
{
    /// <summary>
    /// Now, cut to the microsecond PostgreSQL keeps, so that the instant a command answers and publishes equals what a
    /// later read returns. Read it once per command: every time the command records comes from that one reading.
    /// </summary>
    public static DateTimeOffset UtcNowInMicroseconds(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
