using Crm.Messaging;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Orders.Features.AccountingFeed;

/// <summary>
/// Removes events past the feed's retention, by age (<see cref="FeedOptions.RetainFor"/>) and by count
/// (<see cref="FeedOptions.MaxEvents"/>), oldest first, in batches, and records the newest position removed: a reader
/// asking to start before it is told which is the oldest kept. Replicas take turns on the <c>feed_state</c> row.
/// </summary>
internal sealed class FeedRetention(NpgsqlDataSource dataSource, DatabaseSchema schema, TimeProvider time, IOptions<FeedOptions> options, ILogger<FeedRetention> logger)
    : BatchCheck(time, schema, logger)
{
    private const int BatchSize = 10_000;

    private const string Remove = """
        WITH state AS (SELECT head, removed_through FROM feed_state WHERE id = 1 FOR UPDATE),
             doomed AS (
                SELECT f.position FROM feed_events f, state
                WHERE f.appended_at < $1 OR f.position <= state.head - $2
                ORDER BY f.position
                LIMIT $3),
             removed AS (DELETE FROM feed_events WHERE position IN (SELECT position FROM doomed) RETURNING position)
        UPDATE feed_state SET removed_through = greatest(removed_through, (SELECT coalesce(max(position), 0) FROM removed))
        WHERE id = 1
        RETURNING (SELECT count(*) FROM removed)
        """;

    protected override TimeSpan Interval => options.Value.RetentionInterval;


    protected override async Task<int> CheckBatchAsync(CancellationToken cancellationToken)
    {
        await using var remove = dataSource.CreateCommand(Remove);
        remove.Parameters.Add(new() { Value = Time.GetUtcNow() - options.Value.RetainFor });
        remove.Parameters.Add(new() { Value = options.Value.MaxEvents });
        remove.Parameters.Add(new() { Value = BatchSize });
        return (int)(long)(await remove.ExecuteScalarAsync(cancellationToken))!;
    }
}
