using System.Diagnostics;
using System.Text.Json;
using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using MassTransit.Serialization;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// The least a command costs on this machine, whatever the outbox is built with: the same deal and outbox row as
/// <see cref="EventsWriters"/> writes, with the same event serialized the same way, but sent by plain Npgsql as one
/// batch, which PostgreSQL runs and commits as one implicit transaction in a single round trip. No EF Core, no relay,
/// no broker. Any transactional outbox pays at least this per event before its event leaves the database.
/// </summary>
internal static class EventsFloor
{
    private const string InsertDeal = "INSERT INTO deals (id, customer_id, stage, version) VALUES ($1, $2, 'Won', $3)";

    private const string InsertOutboxRow =
        "INSERT INTO outbox_messages (message_id, message_type, aggregate_id, aggregate_version, body, correlation_id, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, $1, $6)";

    /// <summary>Runs <paramref name="events"/> such commands from <paramref name="writers"/> connections, on the schema
    /// of the publisher database <paramref name="database"/> (already migrated).</summary>
    public static async Task<EventsStage> MeasureAsync(CrmTestServers servers, string database, int events, int writers, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var type = typeof(Crm.Contracts.Opportunities.OpportunityWon);
        var messageType = $"{type.FullName}, {type.Assembly.GetName().Name}";

        // Numbered from far above the writers' deals, so that the two never collide on a deal id.
        var next = 10_000_000;
        var before = CpuTime.Read(servers);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            for (var i = 0; i < events / writers; i++)
            {
                var won = DealDesk.Won(Interlocked.Increment(ref next));
                await using var batch = new NpgsqlBatch(connection)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand(InsertDeal)
                        {
                            Parameters =
                            {
                                new() { Value = won.OpportunityId },
                                new() { Value = won.CustomerId },
                                new() { Value = won.Version },
                            },
                        },
                        new NpgsqlBatchCommand(InsertOutboxRow)
                        {
                            Parameters =
                            {
                                new() { Value = won.EventId },
                                new() { Value = messageType },
                                new() { Value = won.OpportunityId },
                                new() { Value = won.Version },
                                new() { Value = JsonSerializer.Serialize(won, SystemTextJsonMessageSerializer.Options) },
                                new() { Value = DateTimeOffset.UtcNow },
                            },
                        },
                    },
                };
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }));
        return new EventsStage("floor", events, Stopwatch.GetElapsedTime(started), CpuTime.Read(servers) - before);
    }
}
