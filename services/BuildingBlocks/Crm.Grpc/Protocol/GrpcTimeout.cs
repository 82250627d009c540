using System.Globalization;

namespace Crm.Grpc.Protocol;

/// <summary>The <c>grpc-timeout</c> header: up to eight digits and a unit (H, M, S, m, u, n).</summary>
public static class GrpcTimeout
{
    /// <summary>The timeout it names, or null when the header is absent or malformed (then the call has none).</summary>
    public static TimeSpan? Parse(string? value)
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
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * 10),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

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
