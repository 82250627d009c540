using CrmPlatform.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmPlatform.AppHost.Resources;

/// <summary>
/// Health checks that keep looking for a moment before they report a resource not ready. Aspire checks a resource
/// that is not healthy yet again after 1, 2, 3, 4 and then every 5 seconds, so a server ready just after a check
/// would be seen up to 5 s late, and so would everything that waits for it, in a chain (broker, services, console).
/// Looking again every quarter second for up to <see cref="Patience"/> sees it at once.
/// </summary>
public static class ReadinessChecks
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    // One client for every check of a service's /health: a short timeout, since a hung service is simply not ready.
    private static readonly HttpClient Health = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>A check named <paramref name="name"/> that is healthy once <paramref name="isReady"/> holds.</summary>
    public static IHealthChecksBuilder AddReadinessCheck(
        this IHealthChecksBuilder checks, string name, Func<CancellationToken, Task<bool>> isReady, string notReady)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return checks.AddAsyncCheck(name, async ct =>
            await Poll.UntilAsync(isReady, Patience, ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(notReady));
    }

    /// <summary>The resource is healthy once its <paramref name="path"/> on <paramref name="endpoint"/> answers 2xx.</summary>
    public static IResourceBuilder<T> WithHttpReadinessCheck<T>(this IResourceBuilder<T> resource, string path, EndpointReference endpoint)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(endpoint);
        var name = $"{resource.Resource.Name}-{endpoint.EndpointName}-{path.Trim('/')}";
        resource.ApplicationBuilder.Services.AddHealthChecks()
            .AddReadinessCheck(name, ct => AnswersAsync(new Uri(new Uri(endpoint.Url), path), ct), $"{path} does not answer yet");
        return resource.WithHealthCheck(name);
    }

    private static async Task<bool> AnswersAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Health.GetAsync(uri, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // the client's own timeout
        }
    }
}
