using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Grpc.Hosting;

/// <summary>
/// Hands the gRPC health service one report at a time. The health check publisher starts a run every period without
/// waiting for the last one (its timer callback is <c>async void</c>), and the health service stores a status and tells
/// Watch streams about it in two steps. Two runs at once, on a loaded machine, could store one status but stream the other
/// last: a watcher then kept a status that was no longer true until the next change. One at a time, what is stored and
/// what is streamed change in the same order, so every watcher ends on the stored status.
/// </summary>
public sealed class OneAtATimeHealthPublisher(IHealthCheckPublisher inner) : IHealthCheckPublisher, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>The publisher this one hands reports to.</summary>
    public IHealthCheckPublisher Inner => inner;

    public async Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.PublishAsync(report, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
