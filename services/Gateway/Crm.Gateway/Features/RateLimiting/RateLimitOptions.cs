namespace Crm.Gateway.Features.RateLimiting;

/// <summary>How many calls each caller may make (configuration section <c>RateLimits</c>): a token bucket per caller.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Calls a caller may make per second, sustained.</summary>
    public int CallsPerSecond { get; set; } = 100;

    /// <summary>Calls a caller may make at once after a quiet spell (a page that loads several sections).</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Calls per second from one address without a valid token (all refused; a client whose token just
    /// expired needs a few before it signs in again).</summary>
    public int AnonymousCallsPerSecond { get; set; } = 10;

    /// <summary>The burst of calls without a valid token one address may make.</summary>
    public int AnonymousBurst { get; set; } = 20;
}
