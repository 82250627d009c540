using Crm.Contracts.Feed;
using Crm.Feed.Grpc.V1;
using Google.Protobuf.WellKnownTypes;
using Npgsql;

namespace Crm.Orders.Features.AccountingFeed;

/// <summary>Reads the feed: pages of events after a position, the head, and where retention has removed up to.</summary>
public sealed class FeedStore(NpgsqlDataSource dataSource)
{
    private const string Page = """
        SELECT position, event_id, type, subject, occurred_at, data FROM feed_events
        WHERE position > $1 AND type = ANY($2)
        ORDER BY position
        LIMIT $3
        """;

    private const string State = "SELECT head, removed_through FROM feed_state WHERE id = 1";

    private const string FirstAt = "SELECT coalesce(min(position), 0) - 1 FROM feed_events WHERE appended_at >= $1";

    /// <summary>The newest position appended and the newest removed by retention.</summary>
    public async Task<(long Head, long RemovedThrough)> StateAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(State);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The position to start after so as to read from the first event appended at or after <paramref name="at"/>
    /// (the head when none is).</summary>
    public async Task<long> AfterPositionAtAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FirstAt);
        command.Parameters.Add(new() { Value = at });
        var after = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return after >= 0 ? after : (await StateAsync(cancellationToken)).Head;
    }

    public async Task<IReadOnlyList<FeedEvent>> ReadAsync(long afterPosition, IReadOnlyCollection<string> types, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Page);
        command.Parameters.Add(new() { Value = afterPosition });
        command.Parameters.Add(new() { Value = types.ToArray() });
        command.Parameters.Add(new() { Value = limit });
        var events = new List<FeedEvent>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = FeedCatalogue.Find(reader.GetString(2));
            events.Add(new FeedEvent
            {
                Position = reader.GetInt64(0),
                Id = reader.GetGuid(1).ToString(),
                Source = FeedCatalogue.Source,
                Type = reader.GetString(2),
                SpecVersion = "1.0",
                Subject = reader.GetGuid(3).ToString(),
                Time = Timestamp.FromDateTime(reader.GetDateTime(4)),
                DataContentType = "application/json",
                DataSchema = type?.SchemaPath ?? string.Empty,
                SchemaVersion = type?.SchemaVersion ?? string.Empty,
                Data = reader.GetString(5),
            });
        }

        return events;
    }
}
