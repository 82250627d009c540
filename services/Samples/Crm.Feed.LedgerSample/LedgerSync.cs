using Crm.Feed.Grpc.V1;
using Grpc.Core;
using Npgsql;

namespace Crm.Feed.LedgerSample;

/// <summary>
/// Keeps a ledger table in step with the accounting feed. Each event and the position it reached are written in one
/// transaction, so that after a crash the ledger resumes from exactly the last event it holds: nothing is lost, and an
/// event seen twice (the feed delivered it again after a reconnect) is written once.
/// </summary>
public sealed partial class LedgerSync(NpgsqlDataSource ledger, AccountingFeedService.AccountingFeedServiceClient feed, Func<CancellationToken, Task<string>> token, ILogger<LedgerSync> logger)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ledger_entries (
            position    bigint      PRIMARY KEY,
            event_id    uuid        NOT NULL UNIQUE,
            type        text        NOT NULL,
            subject     text        NOT NULL,
            occurred_at timestamptz NOT NULL,
            data        jsonb       NOT NULL);
        CREATE TABLE IF NOT EXISTS ledger_position (id integer PRIMARY KEY CHECK (id = 1), after_position bigint NOT NULL);
        INSERT INTO ledger_position VALUES (1, 0) ON CONFLICT DO NOTHING;
        """;

    private const string Record = """
        INSERT INTO ledger_entries (position, event_id, type, subject, occurred_at, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
        ON CONFLICT (event_id) DO NOTHING
        """;

    private const string Advance = "UPDATE ledger_position SET after_position = $1 WHERE id = 1 AND after_position < $1";

    /// <summary>Creates the ledger's tables if they are missing.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var command = ledger.CreateCommand(Schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Follows the feed until <paramref name="cancellationToken"/> fires; reconnects after a failure, from the
    /// last position written.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(cancellationToken);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                // Stopped: the ledger holds everything up to the last position written.
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.DeadlineExceeded or StatusCode.Unauthenticated or StatusCode.Unknown or StatusCode.ResourceExhausted)
            {
                // The gateway or the orders service restarted, the token expired, or the connection dropped: resume.
                LogReconnecting(ex.StatusCode, backoff.TotalMilliseconds);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var after = await LastPositionAsync(cancellationToken);
        var headers = new Metadata { { "authorization", $"Bearer {await token(cancellationToken)}" } };
        using var subscription = feed.Subscribe(new SubscribeRequest { AfterPosition = after }, headers, cancellationToken: cancellationToken);
        await foreach (var feedEvent in subscription.ResponseStream.ReadAllAsync(cancellationToken))
        {
            await WriteAsync(feedEvent, cancellationToken);
        }
    }

    /// <summary>The last position the ledger holds: where it resumes.</summary>
    public async Task<long> LastPositionAsync(CancellationToken cancellationToken)
    {
        await using var command = ledger.CreateCommand("SELECT after_position FROM ledger_position WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task WriteAsync(FeedEvent feedEvent, CancellationToken cancellationToken)
    {
        await using var connection = await ledger.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var record = new NpgsqlCommand(Record, connection, transaction))
        {
            record.Parameters.Add(new() { Value = feedEvent.Position });
            record.Parameters.Add(new() { Value = Guid.Parse(feedEvent.Id) });
            record.Parameters.Add(new() { Value = feedEvent.Type });
            record.Parameters.Add(new() { Value = feedEvent.Subject });
            record.Parameters.Add(new() { Value = feedEvent.Time.ToDateTimeOffset() });
            record.Parameters.Add(new() { Value = feedEvent.Data });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var advance = new NpgsqlCommand(Advance, connection, transaction))
        {
            advance.Parameters.Add(new() { Value = feedEvent.Position });
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The feed ended with {Status}; resuming in {DelayMs} ms from the last position written")]
    private partial void LogReconnecting(StatusCode status, double delayMs);
}
