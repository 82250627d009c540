using System.Globalization;
using System.Threading.RateLimiting;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Gateway.Features.RateLimiting;

/// <summary>
/// Each caller (the token's subject) has its own bucket of calls, so that one runaway integration cannot starve the
/// people working; calls without a valid token have a smaller bucket per address, so that a flood of them is cut before
/// each is refused and recorded. A call over the limit ends at once with RESOURCE_EXHAUSTED and a <c>retry-after</c> in
/// seconds. Health probes are not counted.
/// </summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsProbe(http.Request.Path)
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetTokenBucketLimiter(CallerOf(http), caller => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = caller.StartsWith(Anonymous, StringComparison.Ordinal) ? settings.AnonymousBurst : settings.Burst,
                        TokensPerPeriod = caller.StartsWith(Anonymous, StringComparison.Ordinal) ? settings.AnonymousCallsPerSecond : settings.CallsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var signedIn = context.HttpContext.User.Identity?.IsAuthenticated == true;
                var budget = signedIn
                    ? $"{settings.CallsPerSecond} per second for each caller (bursts of {settings.Burst})"
                    : $"{settings.AnonymousCallsPerSecond} per second from one address without a valid access token (bursts of {settings.AnonymousBurst})";
                GrpcStatusResponse.Write(
                    context.HttpContext,
                    new Status(StatusCode.ResourceExhausted, $"too many calls: {budget}; retry after {seconds} s"),
                    ("retry-after", seconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds;
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    private const string Anonymous = "address:";

    /// <summary>The token's subject; a caller without a valid token (refused next) is counted by its address.</summary>
    private static string CallerOf(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name.Length: > 0 } identity ? $"user:{identity.Name}" : $"{Anonymous}{http.Connection.RemoteIpAddress}";

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/alive", StringComparison.Ordinal)
        || path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);
}
