using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmPlatform.ServiceDefaults;
using Npgsql;

namespace Crm.Messaging.Outbox;

/// <summary>
/// LISTENs for the NOTIFY that a replica whose relay is off sends after its commits that stored events
/// (<see cref="OtherRelays"/>), and wakes the relay. When the connection drops, it reconnects and wakes the relay once to catch up.
/// </summary>
internal sealed partial class OutboxListener(
    NpgsqlDataSource dataSource,
    DatabaseSchema schema,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    ILogger<OutboxListener> logger) : BackgroundService
{
    public const string Channel = "crm_outbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Outbox.RelayEnabled)
        {
            return;
        }

        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                signal.Notify();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                // Until it is back, the relay still polls: nothing waits longer than the poll interval.
                LogListenFailed(ex);
                await Task.Delay(options.Value.Outbox.PollInterval, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox listener lost its database connection; reconnecting")]
    private partial void LogListenFailed(Exception exception);
}
