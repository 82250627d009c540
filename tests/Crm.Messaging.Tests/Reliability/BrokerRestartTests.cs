using System.Diagnostics;
using Crm.Messaging.SampleService.Data;
using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Messaging.Tests.Reliability;

[Trait("Category", "Reliability")]
[Collection(nameof(RunsAlone))]
public sealed class BrokerRestartTests
{
    private const int Events = 10_000;
    private const int EventsPerCommit = 10;
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Broker_restarted_twice_while_events_flow_loses_nothing_and_duplicates_no_effect()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // Servers of this test's own: restarting the shared broker would break every other test class running now.
        await using var own = new CrmTestServers();
        await own.InitializeAsync();
        var deployment = await SampleDeployment.CreateAsync(own, nameof(BrokerRestartTests));
        // The consumer runs as a process of its own, as a service does; the publisher in this one.
        // MassTransit's connection log goes into the failure message, should the consumer not come back.
        // The watchdog's warnings (what it restarted, and how) go to the test's output.
        var recoveries = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var consumer = SampleDeployment.StartProcess(
            ["consume"],
            deployment.ConsumerArgs("--Logging:LogLevel:MassTransit=Debug"),
            line =>
            {
                if (line.Contains("Receive endpoint", StringComparison.Ordinal))
                {
                    recoveries.Enqueue(line);
                }
            });
        Assert.True(await deployment.ConsumerAttachedAsync(TimeSpan.FromSeconds(60)), consumer.RecentOutput);
        await using var publisher = await deployment.StartPublisherAsync("--Messaging:Outbox:PublishTimeout=00:00:03");

        var producing = ProduceAsync(publisher, cancellationToken);
        foreach (var restartAt in new[] { Events / 5, Events * 3 / 5 })
        {
            Assert.True(
                await Poll.UntilAsync(async _ => await deployment.OrdersAsync() >= restartAt, TimeSpan.FromSeconds(120), cancellationToken),
                $"{restartAt} events were not consumed before the restart: {await StateAsync(deployment, producing)}; the consumer's last lines:{Environment.NewLine}{consumer.RecentOutput}");
            await own.RestartRabbitMqAsync(cancellationToken: cancellationToken);

            // Back: the services' buses reconnect by themselves and the consumer applies events again.
            var clock = Stopwatch.StartNew();
            var before = await deployment.OrdersAsync();
            var back = await Poll.UntilAsync(async _ => await deployment.OrdersAsync() > before, BackWithin, cancellationToken);
            Assert.True(
                back,
                $"no event was consumed within {BackWithin} after the broker came back: {await StateAsync(deployment, producing)}; the consumer's last lines:{Environment.NewLine}{consumer.RecentOutput}");
            Assert.True(clock.Elapsed < BackWithin);
        }

        await producing;
        foreach (var recovery in recoveries)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(recovery);
        }

        Assert.True(
            await Poll.UntilAsync(async _ => await deployment.OrdersAsync() >= Events, TimeSpan.FromSeconds(120), cancellationToken),
            $"not every event was consumed: {await StateAsync(deployment, producing)}; the consumer's last lines:{Environment.NewLine}{consumer.RecentOutput}");
        Assert.Equal(Events, await deployment.OrdersAsync());
        Assert.Equal(Events, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(DISTINCT event_id) FROM booked_orders"));
        Assert.Equal(Events, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT sum(orders) FROM customer_tallies"));
    }

    private static async Task<string> StateAsync(SampleDeployment deployment, Task producing) =>
        $"orders {await deployment.OrdersAsync()}, committed {await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM outbox_messages")}, "
        + $"unsent {await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL")}, "
        + $"max attempts {await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT coalesce(max(attempts), 0) FROM outbox_messages WHERE sent_at IS NULL")}, "
        + $"due {await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND next_attempt_at <= now()")}, "
        + $"open transactions older than 10 s {await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND xact_start < now() - interval '10 seconds'")}, "
        + $"queue {await deployment.QueueAsync(SampleDeployment.OrderBookingQueue)}, producer {producing.Status} {producing.Exception?.GetBaseException().Message}";

    /// <summary>Wins every deal, ten per commit, whatever the broker is doing: the outbox holds what cannot go out yet.</summary>
    private static async Task ProduceAsync(RunningSample publisher, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var scope = publisher.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        for (var number = 0; number < Events; number++)
        {
            var won = DealDesk.Won(number);
            db.Deals.Add(new Deal { Id = won.OpportunityId, CustomerId = won.CustomerId, Stage = "Won", Version = won.Version });
            db.Publish(won);
            if ((number + 1) % EventsPerCommit == 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
