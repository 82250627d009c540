namespace Crm.Gateway.Features.RateLimiting;

/// <summary>How many calls each caller may make (configuration section <c>RateLimits</c>): a token bucket per caller.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Calls a caller may make per second, sustained.</summary>
    public int CallsPerSecond { get; set; } = 100;

    /// <summary>Calls a caller may make at once after a quiet spell (a page that loads several sections).</summary>
    public int Burst { get; set; } = 200;
}
