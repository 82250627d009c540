using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.Messaging.SampleService;
using Crm.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Benchmarks;

/// <summary>
/// Ours, end to end: commands that each commit a deal and its OpportunityWon to the publisher's outbox, the relay,
/// RabbitMQ, and the inbox consumer that books an order in the consumer's database.
/// </summary>
internal sealed class EventsPipeline(IHost publisher, IHost consumer, EventsConsumedClock clock) : IAsyncDisposable
{
    private readonly EventsWriters _writers = new(publisher);

    public static async Task<EventsPipeline> StartAsync(CrmTestServers servers)
    {
        var publisherResources = await servers.IsolateAsync("bench_events_publisher");
        var consumerResources = await servers.IsolateAsync("bench_events_consumer");
        string[] common = [$"--ConnectionStrings:messaging={publisherResources.MessagingConnectionString}", "--Logging:LogLevel:Default=Warning"];
        var clock = new EventsConsumedClock();
        var consumerBuilder = SampleHost.CreateConsumer([$"--ConnectionStrings:{SampleHost.Consumer.Database}={consumerResources.DatabaseConnectionString}", .. common]);
        consumerBuilder.Services.AddConsumeObserver(_ => clock);
        var consumer = consumerBuilder.Build();
        await consumer.StartAsync();
        await WaitUntilHealthyAsync(consumer);
        var publisher = SampleHost.CreatePublisher([$"--ConnectionStrings:{SampleHost.Publisher.Database}={publisherResources.DatabaseConnectionString}", .. common]).Build();
        await publisher.StartAsync();
        await WaitUntilHealthyAsync(publisher);
        return new EventsPipeline(publisher, consumer, clock);
    }

    /// <summary>Runs <paramref name="events"/> commands from <paramref name="writers"/> concurrent writers as fast as they go;
    /// returns events per second from the first command to the last effect.</summary>
    public async Task<double> SustainedRateAsync(int events, int writers, CancellationToken cancellationToken)
    {
        var all = clock.Expect(events);
        var watch = Stopwatch.StartNew();
        await _writers.RunAsync(events, writers, cancellationToken);
        await all.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        return events / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs commands at <paramref name="rate"/> per second for <paramref name="duration"/>; returns the lag of each
    /// event from its commit to its consumer's commit, in milliseconds, leaving out the first second's warm-up.</summary>
    public async Task<IReadOnlyList<double>> LagAsync(double rate, TimeSpan duration, int writers, CancellationToken cancellationToken)
    {
        var events = (int)(rate * duration.TotalSeconds) / writers * writers;
        var committed = new ConcurrentDictionary<Guid, long>();
        var all = clock.Expect(events);
        var start = Stopwatch.GetTimestamp();
        await _writers.RunAtAsync(events, writers, rate, committed, cancellationToken);
        await all.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var warmUp = start + Stopwatch.Frequency;
        return
        [
            .. committed.Where(c => c.Value > warmUp)
                .Select(c => Stopwatch.GetElapsedTime(c.Value, clock.AppliedAt(c.Key) ?? throw new InvalidOperationException($"event {c.Key} was not applied")).TotalMilliseconds),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        await publisher.StopAsync();
        await consumer.StopAsync();
        publisher.Dispose();
        consumer.Dispose();
    }

    internal static async Task WaitUntilHealthyAsync(IHost host)
    {
        var bus = host.Services.GetRequiredService<IBusControl>();
        await host.Services.GetRequiredService<CrmPlatform.ServiceDefaults.DatabaseSchema>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        await CrmPlatform.LocalServers.Poll.UntilAsync(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }
}
