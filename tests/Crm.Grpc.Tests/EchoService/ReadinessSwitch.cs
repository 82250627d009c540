using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Grpc.Tests.EchoService;

/// <summary>Stands in for the database and broker checks: a test turns readiness off and on. It also sees, as a health
/// check publisher beside the gRPC health service's, each report the publisher hands over, so that a test can wait until
/// the status stored for Health Watch has caught up with the switch.</summary>
public sealed class ReadinessSwitch : IHealthCheckPublisher
{
    private readonly Lock _gate = new();
    private int _healthyInARow;

    public bool Ready { get; set; } = true;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            _healthyInARow = report.Status == HealthStatus.Healthy ? _healthyInARow + 1 : 0;
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until two reports in a row have been healthy: the run before the second has then stored SERVING
    /// in the gRPC health service, whatever a report computed before the switch went back on did.</summary>
    public async Task PublishedReadyAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _healthyInARow = 0;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(within);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            lock (_gate)
            {
                if (_healthyInARow >= 2)
                {
                    return;
                }
            }

            await poll.WaitForNextTickAsync(deadline.Token);
        }
    }
}
