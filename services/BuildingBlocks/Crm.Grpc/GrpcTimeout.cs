using System.Globalization;

namespace Crm.Grpc;

/// <summary>How much of a call's remaining time each hop passes on.</summary>
public static class GrpcTimeout
{
    /// <summary>
    /// The time to give the next hop of a call that has <paramref name="remaining"/> left: a tenth less, and at most a
    /// second less. Each hop then gives up a little before its caller, so the hop that stalled is the one that answers
    /// DEADLINE_EXCEEDED and says where, instead of its caller timing out with nothing said about where the time went.
    /// </summary>
    public static TimeSpan ForNextHop(TimeSpan remaining) =>
        remaining - TimeSpan.FromTicks(Math.Min(Math.Max(0, remaining.Ticks) / 10, TimeSpan.TicksPerSecond));

    /// <summary>
    /// The time to give the next hop of a call whose caller gives up at <paramref name="callerDeadline"/> (UTC, as
    /// <c>ServerCallContext.Deadline</c> has it), by <see cref="ForNextHop(TimeSpan)"/>; <paramref name="otherwise"/>
    /// when the caller set no deadline (<see cref="DateTime.MaxValue"/>).
    /// </summary>
    public static TimeSpan ForNextHop(DateTime callerDeadline, TimeSpan otherwise) =>
        callerDeadline == DateTime.MaxValue ? otherwise : ForNextHop(callerDeadline - DateTime.UtcNow);

    /// <summary>The longest deadline honoured (what a timer can hold, with room to spare); a longer one is cut to it.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(24);

    /// <summary>The header that carries a call's timeout.</summary>
    public const string Header = "grpc-timeout";

    /// <summary>The timeout a <c>grpc-timeout</c> header names (up to eight digits and a unit: H, M, S, m, u, n), or null
    /// when it is absent or malformed (then the call has no deadline of its own). A timeout beyond <see cref="Longest"/>
    /// is cut to it.</summary>
    public static TimeSpan? Parse(string? value)
    {
        var timeout = ParseUnbounded(value);
        return timeout > Longest ? Longest : timeout;
    }

    private static TimeSpan? ParseUnbounded(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length is < 2 or > 9
            || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(Math.Min(amount, 24 * 1000)),
            'M' => TimeSpan.FromMinutes(Math.Min(amount, 60 * 24 * 1000)),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * 10),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

    /// <summary>The header value for <paramref name="timeout"/>, in milliseconds (at least one).</summary>
    public static string Format(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp((long)timeout.TotalMilliseconds, 1, 99_999_999)}m");
}
