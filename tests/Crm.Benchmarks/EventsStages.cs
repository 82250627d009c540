using System.Diagnostics;
using Crm.Messaging.SampleService;
using Crm.Testing;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// Where the pipeline's time and CPU go, one stage at a time on a database and virtual host of their own: the
/// commands alone (relay off), then the relay alone on the filled outbox (no consumer), then the consumer alone on
/// the filled queue, and last the least a command costs (<see cref="EventsFloor"/>). Each stage is timed and its CPU
/// read for this process, PostgreSQL and RabbitMQ. Hosts start while a table lock holds the stage's first write back,
/// so that their start-up is outside the measurement.
/// </summary>
internal static class EventsStages
{
    public static async Task<IReadOnlyList<EventsStage>> MeasureAsync(CrmTestServers servers, int events, int writers, CancellationToken cancellationToken)
    {
        var publisherResources = await servers.IsolateAsync("bench_events_stages_publisher");
        var consumerResources = await servers.IsolateAsync("bench_events_stages_consumer");
        string[] common = [$"--ConnectionStrings:messaging={publisherResources.MessagingConnectionString}", "--Logging:LogLevel:Default=Warning"];
        string[] publisherArgs = [$"--ConnectionStrings:{SampleHost.Publisher.Database}={publisherResources.DatabaseConnectionString}", .. common];
        string[] consumerArgs = [$"--ConnectionStrings:{SampleHost.Consumer.Database}={consumerResources.DatabaseConnectionString}", .. common];

        // The consumer's queue and bindings must exist before the relay publishes, or the broker drops the events.
        using (var topology = SampleHost.CreateConsumer(consumerArgs).Build())
        {
            await topology.StartAsync(cancellationToken);
            await EventsPipeline.WaitUntilHealthyAsync(topology);
            await topology.StopAsync(cancellationToken);
        }

        var write = await WriteAsync(servers, [.. publisherArgs, "--Messaging:Outbox:RelayEnabled=false"], events, writers, cancellationToken);
        var relay = await RelayAsync(servers, publisherResources.DatabaseConnectionString, publisherArgs, events, cancellationToken);
        var consume = await ConsumeAsync(servers, consumerResources.DatabaseConnectionString, consumerArgs, events, cancellationToken);

        // Last, when no relay runs any more: its rows stay in the outbox, unsent.
        var floor = await EventsFloor.MeasureAsync(servers, publisherResources.DatabaseConnectionString, events, writers, cancellationToken);
        return [write, relay, consume, floor];
    }

    private static async Task<EventsStage> WriteAsync(CrmTestServers servers, string[] args, int events, int writers, CancellationToken cancellationToken)
    {
        using var publisher = SampleHost.CreatePublisher(args).Build();
        await publisher.StartAsync(cancellationToken);
        await EventsPipeline.WaitUntilHealthyAsync(publisher);
        var stage = Start(servers);
        await new EventsWriters(publisher).RunAsync(events, writers, cancellationToken);
        var result = stage.Stop("write", events);
        await publisher.StopAsync(cancellationToken);
        return result;
    }

    private static async Task<EventsStage> RelayAsync(CrmTestServers servers, string database, string[] args, int events, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        var hold = await HoldAsync(connection, "outbox_messages", cancellationToken);
        using var publisher = SampleHost.CreatePublisher(args).Build();
        await publisher.StartAsync(cancellationToken);
        await EventsPipeline.WaitUntilHealthyAsync(publisher);
        var stage = Start(servers);
        await hold.CommitAsync(cancellationToken);
        await using var unsent = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
        await CrmPlatform.LocalServers.Poll.UntilAsync(async token => (long)(await unsent.ExecuteScalarAsync(token))! == 0, TimeSpan.FromMinutes(5), cancellationToken);
        var result = stage.Stop("relay", events);
        await publisher.StopAsync(cancellationToken);
        return result;
    }

    private static async Task<EventsStage> ConsumeAsync(CrmTestServers servers, string database, string[] args, int events, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        var hold = await HoldAsync(connection, "inbox_messages", cancellationToken);
        var clock = new EventsConsumedClock();
        var builder = SampleHost.CreateConsumer(args);
        builder.Services.AddConsumeObserver(_ => clock);
        using var consumer = builder.Build();
        var all = clock.Expect(events);
        await consumer.StartAsync(cancellationToken);
        await EventsPipeline.WaitUntilHealthyAsync(consumer);
        var stage = Start(servers);
        await hold.CommitAsync(cancellationToken);
        await all.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var result = stage.Stop("consume", events);
        await consumer.StopAsync(cancellationToken);
        return result;
    }

    /// <summary>Locks <paramref name="table"/> against writes (reads go on) until the returned transaction ends.</summary>
    private static async Task<NpgsqlTransaction> HoldAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var lockTable = new NpgsqlCommand($"LOCK TABLE {table} IN EXCLUSIVE MODE", connection, transaction);
        await lockTable.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    private static Measurement Start(CrmTestServers servers) => new(servers, CpuTime.Read(servers), Stopwatch.GetTimestamp());

    private sealed record Measurement(CrmTestServers Servers, CpuTime Before, long Started)
    {
        public EventsStage Stop(string name, int events) =>
            new(name, events, Stopwatch.GetElapsedTime(Started), CpuTime.Read(Servers) - Before);
    }
}
