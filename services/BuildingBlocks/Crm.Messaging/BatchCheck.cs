using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Messaging;

/// <summary>
/// A background check that runs every <see cref="Interval"/>, handling its work in batches until none is left (a
/// backlog after the first start or a long outage goes out in back-to-back batches). While the database is away
/// nothing is committed, and the next round tries again. Replicas share the work when each batch claims its rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so that every item is handled, and its event written, once. The first round waits for
/// the service's migrations: a check that ran first would find no table and say so until its next round.
/// </summary>
public abstract partial class BatchCheck(TimeProvider time, DatabaseSchema schema, ILogger logger) : BackgroundService
{
    /// <summary>The clock, so that tests can move "now" without waiting.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The check's own logger.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>How long to wait between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Handles one batch in one transaction; returns how many items it handled (0 ends the round).</summary>
    protected abstract Task<int> CheckBatchAsync(CancellationToken cancellationToken);

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
                while (await CheckBatchAsync(stoppingToken) > 0)
                {
                    // Until the backlog is gone.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or InvalidOperationException or TimeoutException)
            {
                // The database is away or a concurrent change raced us: nothing was committed.
                LogCheckFailed(Logger, ex, GetType().Name);
            }

            await Task.Delay(Interval, Time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Check} failed; it runs again at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string check);
}
