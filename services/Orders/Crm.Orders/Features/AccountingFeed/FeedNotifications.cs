using CrmPlatform.ServiceDefaults;
using Npgsql;

namespace Crm.Orders.Features.AccountingFeed;

/// <summary>
/// LISTENs for the outbox's NOTIFY (events committed by a replica whose relay is off, or a writer outside the service:
/// wakes the appender; this process's own commits wake it directly) and the feed's (events appended in any replica:
/// wakes this replica's subscriptions). When the connection drops it reconnects and wakes both once; until
/// then both still poll.
/// </summary>
internal sealed partial class FeedNotifications(NpgsqlDataSource dataSource, DatabaseSchema schema, FeedWakeups wakeups, ILogger<FeedNotifications> logger) : BackgroundService
{
    /// <summary>The outbox's channel (<c>OtherRelays</c> notifies it after a commit that stored events).</summary>
    public const string OutboxChannel = "crm_outbox";

    /// <summary>The feed's channel (the appender notifies it after each commit that appended events).</summary>
    public const string FeedChannel = "crm_feed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == FeedChannel)
                    {
                        wakeups.Appended();
                    }
                    else
                    {
                        wakeups.OutboxCommitted();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxChannel}; LISTEN {FeedChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                wakeups.OutboxCommitted();
                wakeups.Appended();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                LogListenFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The feed's listener lost its database connection; reconnecting")]
    private partial void LogListenFailed(Exception exception);
}
