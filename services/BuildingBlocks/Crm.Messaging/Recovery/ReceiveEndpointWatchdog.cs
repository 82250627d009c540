using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Messaging.Recovery;

/// <summary>
/// Brings back a receive endpoint that stopped consuming while the broker is up again, without restarting the service.
/// MassTransit 8.4.0 reconnects by itself, but after a broker restart its wait between attempts grows to half a minute,
/// and a receive transport whose reconnect is cancelled midway (the connection drops again while it declares its
/// queue) never tries again. So an endpoint down for longer than <see cref="EndpointRecoveryOptions.StalledAfter"/>
/// is stopped and started again as soon as the broker accepts a connection: the broker, not a timer, says when.
/// </summary>
internal sealed partial class ReceiveEndpointWatchdog(
    BrokerProbe probe,
    TimeProvider time,
    IOptions<MessagingOptions> options,
    ILogger<ReceiveEndpointWatchdog> logger) : BackgroundService, IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<Uri, WatchedEndpoint> _endpoints = new();
    private readonly EndpointRecoveryOptions _options = options.Value.Recovery;

    public Task Ready(ReceiveEndpointReady ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        Update(ready.ReceiveEndpoint, ready.InputAddress, EndpointState.Ready);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping)
    {
        ArgumentNullException.ThrowIfNull(stopping);
        Update(stopping.ReceiveEndpoint, stopping.InputAddress, EndpointState.Stopped);
        return Task.CompletedTask;
    }

    public Task Completed(ReceiveEndpointCompleted completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        Update(completed.ReceiveEndpoint, completed.InputAddress, EndpointState.Down);
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        ArgumentNullException.ThrowIfNull(faulted);
        Update(faulted.ReceiveEndpoint, faulted.InputAddress, EndpointState.Down);
        return Task.CompletedTask;
    }

    /// <summary>The endpoints down for longer than the stall time and not restarted within it.</summary>
    internal IReadOnlyList<WatchedEndpoint> Stalled()
    {
        var now = time.GetUtcNow();
        return
        [
            .. _endpoints.Values.Where(e =>
            {
                lock (e)
                {
                    return e.State == EndpointState.Down
                        && now - e.Since >= _options.StalledAfter
                        && (e.LastRestart is not { } last || now - last >= _options.StalledAfter);
                }
            }),
        ];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var stalled = Stalled();
                if (stalled.Count > 0 && await probe.IsReachableAsync(stoppingToken))
                {
                    foreach (var endpoint in stalled)
                    {
                        await RestartAsync(endpoint, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service is stopping: MassTransit stops the endpoints.
        }
    }

    private async Task RestartAsync(WatchedEndpoint watched, CancellationToken stoppingToken)
    {
        TimeSpan downFor;
        lock (watched)
        {
            if (watched.State != EndpointState.Down || stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var now = time.GetUtcNow();
            downFor = now - watched.Since;
            watched.State = EndpointState.Restarting;
            watched.LastRestart = now;
            watched.Restarts++;
        }

        LogRestarting(watched.Address, downFor);
        MessagingTelemetry.EndpointRestarts.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", watched.Address.AbsolutePath.TrimStart('/')));
        try
        {
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            stopping.CancelAfter(_options.StopTimeout);
            await watched.Endpoint.Stop(stopping.Token);
            watched.Endpoint.Start(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Left down: the next check tries again once the stall time has passed.
            LogRestartFailed(watched.Address, ex);
        }
        finally
        {
            lock (watched)
            {
                if (watched.State == EndpointState.Restarting)
                {
                    // Until MassTransit reports it ready, it counts as down from now.
                    watched.State = EndpointState.Down;
                    watched.Since = time.GetUtcNow();
                }
            }
        }
    }

    private void Update(IReceiveEndpoint endpoint, Uri address, EndpointState state)
    {
        var watched = _endpoints.GetOrAdd(address, _ => new WatchedEndpoint(endpoint, address) { Since = time.GetUtcNow(), State = state });
        lock (watched)
        {
            watched.Endpoint = endpoint;
            if (watched.State == EndpointState.Restarting && state != EndpointState.Ready)
            {
                // The stop and start the watchdog itself asked for.
                return;
            }

            if (watched.State == EndpointState.Stopped && state == EndpointState.Down)
            {
                // Completed after a stop that was asked for: it stays stopped.
                return;
            }

            if (watched.State != state)
            {
                watched.State = state;
                watched.Since = time.GetUtcNow();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receive endpoint {Address} has not consumed for {DownFor} while the broker is up: restarting it")]
    private partial void LogRestarting(Uri address, TimeSpan downFor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receive endpoint {Address} could not be restarted; trying again shortly")]
    private partial void LogRestartFailed(Uri address, Exception exception);
}
