using System.Globalization;

namespace Crm.Grpc.Protocol;

/// <summary>The <c>grpc-timeout</c> header: up to eight digits and a unit (H, M, S, m, u, n).</summary>
public static class GrpcTimeout
{
    /// <summary>The longest deadline honoured; beyond it (about 49 days, what a timer can hold) a call has none.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The timeout it names, or null when the header is absent, malformed or longer than <see cref="Longest"/>
    /// (then the call has no deadline).</summary>
    public static TimeSpan? Parse(string? value)
    {
        var timeout = ParseUnbounded(value);
        return timeout is { } t && t <= Longest ? t : null;
    }

    /// <summary>True when <paramref name="timeout"/> is a deadline to send; infinite or too long means none.</summary>
    public static bool IsFinite(TimeSpan timeout) => timeout != Timeout.InfiniteTimeSpan && timeout >= TimeSpan.Zero && timeout <= Longest;

    private static TimeSpan? ParseUnbounded(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9)
        {
            return null;
        }

        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return value[^1] switch
        {
            'H' => amount <= Longest.TotalHours ? TimeSpan.FromHours(amount) : TimeSpan.MaxValue,
            'M' => amount <= Longest.TotalMinutes ? TimeSpan.FromMinutes(amount) : TimeSpan.MaxValue,
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * 10),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

    /// <summary>
    /// The time to give the next hop of a call that has <paramref name="remaining"/> left: a tenth less, and at most a
    /// second less. Each hop then gives up a little before its caller, so the hop that stalled is the one that answers
    /// DEADLINE_EXCEEDED and says where, instead of its caller timing out with nothing said about where the time went.
    /// </summary>
    public static TimeSpan ForNextHop(TimeSpan remaining) =>
        remaining - TimeSpan.FromTicks(Math.Min(Math.Max(0, remaining.Ticks) / 10, TimeSpan.TicksPerSecond));

    /// <summary>The header value for <paramref name="timeout"/>, in the finest unit that fits eight digits.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        const long max = 99_999_999;
        if (ticks / 10 <= max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, ticks / 10)}u");
        }

        var milliseconds = ticks / TimeSpan.TicksPerMillisecond;
        if (milliseconds <= max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{milliseconds}m");
        }

        var seconds = ticks / TimeSpan.TicksPerSecond;
        return seconds <= max
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds}S")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Min(max, ticks / TimeSpan.TicksPerHour)}H");
    }
}
