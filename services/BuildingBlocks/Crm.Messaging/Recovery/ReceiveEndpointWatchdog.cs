using System.Collections.Concurrent;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Messaging.Recovery;

/// <summary>
/// Brings back a receive endpoint that stopped consuming while the broker is up again, without restarting the service.
/// MassTransit (8.4.0, and still 8.5.12) reconnects by itself, but after a broker outage its wait between attempts grows to 20 s and more,
/// and now and then it keeps a connection the broker closed while it was shutting down, so that every attempt fails
/// with "already closed". An endpoint down for longer than <see cref="EndpointRecoveryOptions.StalledAfter"/> is
/// therefore stopped and started again as soon as the broker accepts a connection (the broker, not a timer, says
/// when); if that did not bring it back, the connection is dropped for a new one before the endpoint is restarted.
/// </summary>
internal sealed partial class ReceiveEndpointWatchdog(
    BrokerProbe probe,
    IServiceProvider services,
    TimeProvider time,
    IOptions<MessagingOptions> options,
    ILogger<ReceiveEndpointWatchdog> logger) : BackgroundService, IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<Uri, WatchedEndpoint> _endpoints = new();
    private readonly EndpointRecoveryOptions _options = options.Value.Recovery;

    public Task Ready(ReceiveEndpointReady ready) => Update(ready, EndpointState.Ready);

    public Task Stopping(ReceiveEndpointStopping stopping) => Update(stopping, EndpointState.Stopped);

    public Task Completed(ReceiveEndpointCompleted completed) => Update(completed, EndpointState.Down);

    public Task Faulted(ReceiveEndpointFaulted faulted) => Update(faulted, EndpointState.Down);

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
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service is stopping: MassTransit stops the endpoints.
        }
    }

    /// <summary>Restarts what is stalled, if the broker takes connections: the endpoints, or the bus when that did not help.</summary>
    internal async Task CheckAsync(CancellationToken stoppingToken)
    {
        var stalled = Stalled();
        if (stalled.Count == 0 || !await probe.IsReachableAsync(stoppingToken))
        {
            return;
        }

        if (stalled.Any(e => e.Restarts > 0))
        {
            await RenewConnectionAsync(stalled, stoppingToken);
            return;
        }

        foreach (var endpoint in stalled)
        {
            await RestartEndpointAsync(endpoint, stoppingToken);
        }
    }

    private async Task RestartEndpointAsync(WatchedEndpoint watched, CancellationToken stoppingToken)
    {
        if (!TryBeginRestart(watched, stoppingToken, out var downFor))
        {
            return;
        }

        LogRestarting(watched.Address, downFor);
        MessagingTelemetry.EndpointRestarts.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", watched.Address.Segments[^1]));
        try
        {
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            stopping.CancelAfter(_options.StopTimeout);
            await watched.Endpoint.Stop(stopping.Token);
            watched.Endpoint.Start(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Left down: the next check tries again once the stall time has passed, with the whole bus.
            LogRestartFailed(watched.Address, ex);
        }
        finally
        {
            EndRestart(watched);
        }
    }

    private async Task RenewConnectionAsync(IReadOnlyList<WatchedEndpoint> stalled, CancellationToken stoppingToken)
    {
        LogRenewingConnection(stalled[0].Address, stalled.Count);
        try
        {
            // Stopping the host's connection supervisor drops the connection it holds; MassTransit builds a new
            // supervisor, and with it a new connection, the next time an endpoint or a publish asks for one.
            var instance = services.GetRequiredService<IBusInstance>();
            if (instance.HostConfiguration is IRabbitMqHostConfiguration rabbit)
            {
                using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                stopping.CancelAfter(_options.StopTimeout);
                await rabbit.ConnectionContextSupervisor.Stop("Crm.Messaging: the connection stopped working", stopping.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogRestartFailed(stalled[0].Address, ex);
        }

        foreach (var endpoint in stalled)
        {
            await RestartEndpointAsync(endpoint, stoppingToken);
        }
    }

    private bool TryBeginRestart(WatchedEndpoint watched, CancellationToken stoppingToken, out TimeSpan downFor)
    {
        lock (watched)
        {
            var now = time.GetUtcNow();
            downFor = now - watched.Since;
            if (watched.State != EndpointState.Down || stoppingToken.IsCancellationRequested)
            {
                return false;
            }

            watched.State = EndpointState.Restarting;
            watched.StopAskedFor = true;
            watched.LastRestart = now;
            watched.Restarts++;
            return true;
        }
    }

    private void EndRestart(WatchedEndpoint watched)
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

    private Task Update(ReceiveEndpointEvent reported, EndpointState state)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var endpoint = reported.ReceiveEndpoint;
        var watched = _endpoints.GetOrAdd(reported.InputAddress, address => new WatchedEndpoint(endpoint, address) { Since = time.GetUtcNow(), State = state });
        lock (watched)
        {
            watched.Endpoint = endpoint;
            if (state == EndpointState.Ready)
            {
                watched.Restarts = 0;
            }

            if (state == EndpointState.Stopped && watched.StopAskedFor)
            {
                // The stop the watchdog asked for, whenever MassTransit reports it: on a busy machine that can be after
                // the restart ended, and taking it for a stop of the service's would leave the endpoint unwatched.
                watched.StopAskedFor = false;
                return Task.CompletedTask;
            }

            if (watched.State == EndpointState.Restarting && state != EndpointState.Ready)
            {
                // The stop and start the watchdog itself asked for.
                return Task.CompletedTask;
            }

            if (watched.State == EndpointState.Stopped && state == EndpointState.Down)
            {
                // Completed after a stop that was asked for: it stays stopped.
                return Task.CompletedTask;
            }

            if (watched.State != state)
            {
                watched.State = state;
                watched.Since = time.GetUtcNow();
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receive endpoint {Address} has not consumed for {DownFor} while the broker is up: restarting it")]
    private partial void LogRestarting(Uri address, TimeSpan downFor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receive endpoint {Address} ({Count} in all) is still down after a restart: dropping the broker connection for a new one")]
    private partial void LogRenewingConnection(Uri address, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receive endpoint {Address} could not be restarted; trying again shortly")]
    private partial void LogRestartFailed(Uri address, Exception exception);
}
