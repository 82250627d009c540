using System.Diagnostics;
using CrmPlatform.AppHost.Resources;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.AppHost;

/// <summary>
/// Waits until every service is healthy and says what happens meanwhile: each service as it becomes healthy, and every
/// so often the ones still awaited with their state, so that a slow start (a busy machine, a server that does not
/// answer) shows where it stands instead of a silent console.
/// </summary>
internal sealed partial class StartupProgress(ResourceNotificationService notifications, ILogger<StartupProgress> logger)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(20);

    public async Task WaitUntilHealthyAsync(IReadOnlyList<CrmServiceResource> services, CancellationToken cancellationToken)
    {
        var waits = services.ToDictionary(s => (Task)notifications.WaitForResourceHealthyAsync(s.Name, cancellationToken), s => s.Name);
        while (waits.Count > 0)
        {
            var report = Task.Delay(ReportEvery, cancellationToken);
            var done = await Task.WhenAny(waits.Keys.Append(report));
            if (done == report)
            {
                await report;
                var waiting = string.Join(", ", waits.Values.Order(StringComparer.Ordinal).Select(Describe));
                LogStillWaiting(SinceStart.TotalSeconds, waiting);
                continue;
            }

            await done;
            LogHealthy(waits[done], SinceStart.TotalSeconds);
            waits.Remove(done);
        }
    }

    /// <summary>Time since the app host's process started, as the table's "up in" counts it.</summary>
    public static TimeSpan SinceStart => DateTime.Now - Process.GetCurrentProcess().StartTime;

    /// <summary>A service and where it stands, as the dashboard shows it (e.g. "orders: Running, Unhealthy").</summary>
    private string Describe(string service)
    {
        if (!notifications.TryGetCurrentState(service, out var current) || current is null)
        {
            return $"{service}: not started";
        }

        var snapshot = current.Snapshot;
        var health = snapshot.HealthStatus?.ToString() ?? "health unknown";
        return $"{service}: {snapshot.State?.Text ?? "not started"}, {health}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} is healthy ({Seconds:F1} s)")]
    private partial void LogHealthy(string service, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Still starting after {Seconds:F0} s: {Waiting}")]
    private partial void LogStillWaiting(double seconds, string waiting);
}
