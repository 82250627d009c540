using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmPlatform.ServiceDefaults;
using Npgsql;

namespace Crm.Messaging;

/// <summary>Deletes sent outbox rows and inbox entries once they are older than their retention.</summary>
internal sealed partial class MessageRetention(NpgsqlDataSource dataSource, DatabaseSchema schema, IOptions<MessagingOptions> options, ILogger<MessageRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.Outbox.CleanupInterval);
        try
        {
            await schema.Ready.WaitAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await DeleteExpiredAsync(settings, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    internal async Task DeleteExpiredAsync(MessagingOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM outbox_messages WHERE sent_at < now() - $1")
            {
                Parameters = { new() { Value = settings.Outbox.Retention } },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM inbox_messages WHERE received_at < now() - $1")
            {
                Parameters = { new() { Value = settings.InboxRetention } },
            });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            LogCleanupFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired outbox and inbox rows failed; the next round will try again")]
    private partial void LogCleanupFailed(Exception exception);
}
