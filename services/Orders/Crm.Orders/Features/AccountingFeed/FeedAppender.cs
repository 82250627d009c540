using Crm.Contracts.Feed;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Orders.Features.AccountingFeed;

/// <summary>
/// Copies the feed's events from the outbox into <c>feed_events</c>, numbering them. Correct with any number of
/// replicas by construction: each append locks the one <c>feed_state</c> row, so appends happen one after the other,
/// and each takes only rows of transactions older than the oldest one still running (their rows are all committed or
/// gone), in transaction order. Every later append then holds only younger transactions, so a position is never given
/// below one a reader may already have seen, and positions have no gaps.
/// </summary>
internal sealed partial class FeedAppender(
    NpgsqlDataSource dataSource,
    DatabaseSchema schema,
    FeedWakeups wakeups,
    IOptions<FeedOptions> options,
    ILogger<FeedAppender> logger) : BackgroundService
{
    private const string Lock = "SELECT scanned_below, head FROM feed_state WHERE id = 1 FOR UPDATE";

    // Taken after the lock, so that no transaction below it can still add outbox rows.
    private const string Horizon = "SELECT pg_snapshot_xmin(pg_current_snapshot())";

    private const string Append = """
        WITH fresh AS (
            SELECT o.message_id, t.feed_type, o.aggregate_id, o.created_at, o.body, o.xact_id, o.sequence
            FROM outbox_messages o
            JOIN unnest($3::text[], $4::text[]) AS t(message_type, feed_type) ON t.message_type = o.message_type
            WHERE o.xact_id >= $1 AND o.xact_id < $2
              AND NOT EXISTS (SELECT 1 FROM feed_events f WHERE f.event_id = o.message_id)
            ORDER BY o.xact_id, o.sequence
            LIMIT $5)
        , appended AS (
            INSERT INTO feed_events (position, event_id, type, subject, occurred_at, appended_at, data)
            SELECT $6 + row_number() OVER (ORDER BY xact_id, sequence), message_id, feed_type, aggregate_id, created_at, clock_timestamp(), body
            FROM fresh)
        SELECT count(*)::integer, max(xact_id) FROM fresh
        """;

    private const string Advance = "UPDATE feed_state SET scanned_below = $1, head = head + $2 WHERE id = 1";

    private static readonly string[] OutboxNames = [.. FeedCatalogue.Types.Select(t => t.OutboxName)];
    private static readonly string[] FeedNames = [.. FeedCatalogue.Types.Select(t => t.Type)];

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
                while (await AppendBatchAsync(stoppingToken) == options.Value.AppendBatchSize)
                {
                    // A full batch: more may be waiting.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // Nothing was committed: the next round takes the same rows.
                LogAppendFailed(ex);
            }

            await wakeups.WaitForOutboxAsync(options.Value.AppendInterval, stoppingToken);
        }
    }

    /// <summary>Appends one batch in one transaction; returns how many events it appended.</summary>
    internal async Task<int> AppendBatchAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.AppendBatchSize;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ulong scannedBelow;
        long head;
        await using (var locked = new NpgsqlCommand(Lock, connection, transaction))
        await using (var reader = await locked.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (scannedBelow, head) = (reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
        }

        await using var horizonCommand = new NpgsqlCommand(Horizon, connection, transaction);
        var horizon = (ulong)(await horizonCommand.ExecuteScalarAsync(cancellationToken))!;
        await using var append = new NpgsqlCommand(Append, connection, transaction)
        {
            Parameters =
            {
                new() { Value = scannedBelow, NpgsqlDbType = NpgsqlDbType.Xid8 },
                new() { Value = horizon, NpgsqlDbType = NpgsqlDbType.Xid8 },
                new() { Value = OutboxNames },
                new() { Value = FeedNames },
                new() { Value = batchSize },
                new() { Value = head },
            },
        };
        int appended;
        ulong? lastTransaction;
        await using (var reader = await append.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (appended, lastTransaction) = (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<ulong>(1));
        }

        // A batch that took everything below the horizon moves the scan past it; a full one up to its last transaction
        // (whose rows it may have taken only in part), so that the next batch does not read the same rows again.
        await using var advance = new NpgsqlCommand(Advance, connection, transaction)
        {
            Parameters =
            {
                new() { Value = appended < batchSize ? horizon : lastTransaction ?? scannedBelow, NpgsqlDbType = NpgsqlDbType.Xid8 },
                new() { Value = (long)appended },
            },
        };
        await advance.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (appended > 0)
        {
            // After the commit, outside the transaction: a NOTIFY inside it would serialise commits database-wide.
            await using var notify = new NpgsqlCommand($"NOTIFY {FeedNotifications.FeedChannel}", connection);
            await notify.ExecuteNonQueryAsync(cancellationToken);
            wakeups.Appended();
        }

        return appended;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending to the accounting feed failed; the next round tries again")]
    private partial void LogAppendFailed(Exception exception);
}
