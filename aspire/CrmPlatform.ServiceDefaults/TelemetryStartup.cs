using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrmPlatform.ServiceDefaults;

/// <summary>Takes the tracer and meter providers at start-up so that they listen from the first request on.</summary>
internal sealed class TelemetryStartup(TracerProvider tracing, MeterProvider metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(tracing);
        GC.KeepAlive(metrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Flush before the host tears down, while the exporter's HTTP stack still works.
        tracing.ForceFlush(5000);
        metrics.ForceFlush(5000);
        return Task.CompletedTask;
    }
}
