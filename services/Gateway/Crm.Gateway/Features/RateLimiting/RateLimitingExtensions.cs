using System.Globalization;
using System.Threading.RateLimiting;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Gateway.Features.RateLimiting;

/// <summary>
/// Each caller (the token's subject) has its own bucket of calls, so that one runaway integration cannot starve the
/// people working; a call over the limit ends at once with RESOURCE_EXHAUSTED and a <c>retry-after</c> in seconds.
/// Health probes are not counted.
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
                    : RateLimitPartition.GetTokenBucketLimiter(CallerOf(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = settings.Burst,
                        TokensPerPeriod = settings.CallsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                GrpcStatusResponse.Write(
                    context.HttpContext,
                    new Status(StatusCode.ResourceExhausted, $"too many calls: {settings.CallsPerSecond} per second for each caller (bursts of {settings.Burst}); retry after {seconds} s"),
                    ("retry-after", seconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds;
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>The token's subject; a caller without one (refused later anyway) is counted by its address.</summary>
    private static string CallerOf(HttpContext http) =>
        http.User.Identity?.Name is { Length: > 0 } name ? $"user:{name}" : $"address:{http.Connection.RemoteIpAddress}";

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/alive", StringComparison.Ordinal)
        || path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);
}
