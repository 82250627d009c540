using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmPlatform.ServiceDefaults;
using Npgsql;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Publishes the outbox: claims unsent rows with <c>FOR UPDATE SKIP LOCKED</c> (replicas never take the same row),
/// publishes them with publisher confirms, and marks a row sent only once the broker confirmed it, all while the
/// claim's transaction holds the rows. Events of one aggregate go out in order: a row is published only when no
/// earlier unsent row of its aggregate is left outside the batch, and after one fails its successors wait. A crash
/// between the confirm and the mark publishes the row again later: delivery is at least once, and the inbox makes
/// the effect once.
/// </summary>
internal sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    DatabaseSchema schema,
    IBus bus,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string Claim = """
        WITH claimed AS (
            SELECT sequence FROM outbox_messages
            WHERE sent_at IS NULL AND next_attempt_at <= now()
            ORDER BY sequence
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
        SELECT o.sequence, o.message_id, o.message_type, o.aggregate_id, o.body, o.correlation_id, o.trace_parent, o.trace_state
        FROM outbox_messages o JOIN claimed c ON c.sequence = o.sequence
        WHERE NOT EXISTS (
            SELECT 1 FROM outbox_messages earlier
            WHERE earlier.aggregate_id = o.aggregate_id AND earlier.sent_at IS NULL AND earlier.sequence < o.sequence
              AND earlier.sequence NOT IN (SELECT sequence FROM claimed))
        ORDER BY o.sequence
        """;

    private const string MarkSent = "UPDATE outbox_messages SET sent_at = now(), last_error = NULL WHERE sequence = ANY($1)";

    private const string MarkFailed = """
        UPDATE outbox_messages
        SET attempts = attempts + 1,
            next_attempt_at = now() + least(interval '100 milliseconds' * power(2, least(attempts, 20)), $2),
            last_error = $3
        WHERE sequence = $1
        """;

    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);
    private readonly OutboxOptions _options = options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RelayEnabled)
        {
            return;
        }

        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        var pause = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(stoppingToken) > 0)
                {
                    // Keep draining while rows come: a burst goes out in back-to-back batches.
                }

                pause = TimeSpan.FromMilliseconds(100);
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database is away: nothing was marked, so nothing is lost; try again a little later.
                LogRelayFailed(ex);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, _options.MaxRetryDelay.TotalMilliseconds));
            }
        }
    }

    /// <summary>Claims, publishes and marks one batch; returns how many rows it claimed and published or failed.</summary>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await ClaimAsync(connection, transaction, cancellationToken);
        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var sent = new ConcurrentBag<long>();
        var failed = new ConcurrentBag<(long Sequence, string Error)>();
        var aggregates = rows.GroupBy(r => r.AggregateId).Select(g => g.ToList());
        await Parallel.ForEachAsync(
            aggregates,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentPublishes, CancellationToken = cancellationToken },
            async (events, token) =>
            {
                foreach (var row in events)
                {
                    try
                    {
                        await PublishAsync(row, token);
                        sent.Add(row.Sequence);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        // Later events of this aggregate wait for this one: stop here and retry after a backoff.
                        LogPublishFailed(row.MessageId, ex);
                        failed.Add((row.Sequence, ex.Message));
                        break;
                    }
                }
            });

        await using (var mark = new NpgsqlCommand(MarkSent, connection, transaction) { Parameters = { new() { Value = sent.ToArray() } } })
        {
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (sequence, error) in failed)
        {
            await using var mark = new NpgsqlCommand(MarkFailed, connection, transaction)
            {
                Parameters = { new() { Value = sequence }, new() { Value = _options.MaxRetryDelay }, new() { Value = error } },
            };
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return sent.Count + failed.Count;
    }

    private async Task<List<OutboxRow>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(Claim, connection, transaction) { Parameters = { new() { Value = _options.BatchSize } } };

        // Prepared once per pooled connection. Planned afresh each time, the claim took tens of milliseconds once many
        // sent rows awaited vacuum (the planner probes the ends of the unsent-rows indexes, stepping over their dead
        // entries): at 700 events/s that alone raised the lag from commit to consumer from 8 ms to 35 ms (p50).
        await claim.PrepareAsync(cancellationToken);
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OutboxRow>();
        var chars = 0L;

        // Rows claimed and not read stay unsent: they are claimed again, in order, by the next round trip (and until this
        // one commits, their lock keeps another relay from publishing a later event of the same aggregate before them).
        while (chars < _options.MaxBatchChars && await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetGuid(3),
                reader.GetString(4),
                reader.GetGuid(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
            chars += rows[^1].Body.Length;
        }

        return rows;
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var type = Types.GetOrAdd(row.MessageType, name => Type.GetType(name, throwOnError: true)!);
        var message = JsonSerializer.Deserialize(row.Body, type, SystemTextJsonMessageSerializer.Options)
            ?? throw new InvalidOperationException($"outbox message {row.MessageId} has an empty body");
        using var activity = MessagingTelemetry.StartPublish(row.MessageType, row.TraceParent, row.TraceState);
        activity?.SetTag("messaging.message.id", row.MessageId);
        var traceParent = activity?.Id ?? row.TraceParent;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.PublishTimeout);
        var publishing = bus.Publish(
            message,
            type,
            Pipe.Execute<PublishContext>(context =>
            {
                context.MessageId = row.MessageId;
                context.CorrelationId = row.CorrelationId;
                if (traceParent is not null)
                {
                    context.Headers.Set(MessagingTelemetry.TraceParentHeader, traceParent);
                }
            }),
            deadline.Token);
        try
        {
            await publishing.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException abandoned) when (!cancellationToken.IsCancellationRequested)
        {
            // MassTransit 8.4 can leave a publish waiting, past its token, for the confirm of a channel that a broker
            // restart closed; awaited as it is, that held the batch's transaction, and so the whole relay, for good.
            // The row is retried; should the abandoned publish reach the broker after all, the inbox drops the copy.
            throw new TimeoutException($"the broker did not confirm message {row.MessageId} within {_options.PublishTimeout}", abandoned);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not reach the database; retrying")]
    private partial void LogRelayFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} was not confirmed by the broker; it will be retried")]
    private partial void LogPublishFailed(Guid messageId, Exception exception);
}
