using System.Diagnostics;
using Crm.Messaging.SampleService.Data;
using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Messaging.Tests.Outbox;

public sealed class OutboxRelayTests(CrmTestServers servers)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Events_committed_with_the_state_change_reach_the_consumer_once_each()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(Events_committed_with_the_state_change_reach_the_consumer_once_each));
        await using var consumer = await deployment.StartConsumerAsync();
        await using var publisher = await deployment.StartPublisherAsync();

        await WinAsync(publisher, 0, 50);

        Assert.True(await Poll.UntilAsync(async _ => await deployment.OrdersAsync() >= 50, Patience, TestContext.Current.CancellationToken));
        Assert.Equal(50, await deployment.OrdersAsync());
        Assert.Equal(0, await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
        Assert.Equal(50, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT sum(orders) FROM customer_tallies"));
    }

    [Fact]
    public async Task A_commit_wakes_the_relay_without_waiting_for_its_poll()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(A_commit_wakes_the_relay_without_waiting_for_its_poll));
        await using var consumer = await deployment.StartConsumerAsync();
        await using var publisher = await deployment.StartPublisherAsync("--Messaging:Outbox:PollInterval=00:10:00");

        var clock = Stopwatch.StartNew();
        await WinAsync(publisher, 0, 1);

        Assert.True(await Poll.UntilAsync(async _ => await deployment.OrdersAsync() == 1, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the event took {clock.Elapsed} with a 10-minute poll");
    }

    [Fact]
    public async Task Another_replicas_commit_wakes_the_relay_through_notify()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(Another_replicas_commit_wakes_the_relay_through_notify));
        await using var consumer = await deployment.StartConsumerAsync();
        await using var relay = await deployment.StartPublisherAsync("--Messaging:Outbox:PollInterval=00:10:00");
        await using var writer = await deployment.StartPublisherAsync("--Messaging:Outbox:RelayEnabled=false");

        await WinAsync(writer, 0, 1);

        Assert.True(await Poll.UntilAsync(async _ => await deployment.OrdersAsync() == 1, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    /// <param name="maxBatchChars">With 1, each round trip claims twenty rows but reads (and publishes) only the first:
    /// the rows claimed and left must still go once each and in order.</param>
    [Theory]
    [InlineData(2 * 1024 * 1024)]
    [InlineData(1)]
    public async Task Several_relays_publish_each_event_once_and_in_order_per_aggregate(int maxBatchChars)
    {
        var deployment = await SampleDeployment.CreateAsync(servers, $"{nameof(Several_relays_publish_each_event_once_and_in_order_per_aggregate)}_{maxBatchChars}");
        // One message at a time, so that the consumer applies them in the order the broker received them.
        await using var consumer = await deployment.StartConsumerAsync("--Messaging:ConcurrentMessageLimit=1", "--Messaging:PrefetchCount=1");
        string[] relay = ["--Messaging:Outbox:BatchSize=20", $"--Messaging:Outbox:MaxBatchChars={maxBatchChars}"];
        await using var first = await deployment.StartPublisherAsync(relay);
        await using var second = await deployment.StartPublisherAsync(relay);
        await using var third = await deployment.StartPublisherAsync(relay);

        // Twenty opportunities move through ten stages each; the consumer records the order in which it saw them.
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
            for (var version = 1; version <= 10; version++)
            {
                for (var deal = 0; deal < 20; deal++)
                {
                    db.Publish(DealDesk.StageChanged(DealDesk.DealId(deal), version));
                }

                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        Assert.True(await Poll.UntilAsync(
            async _ => await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(*) FROM inbox_messages") >= 200,
            Patience,
            TestContext.Current.CancellationToken));

        // Every stage change arrived in order, so none was stale: each was applied, and each was published once.
        Assert.Equal(200, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(*) FROM inbox_messages"));
        Assert.Equal(200, await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL AND attempts = 0"));
        Assert.Equal(20, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(*) FROM pipeline_entries WHERE version = 10"));
        Assert.Equal(200, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT sum(applied) FROM pipeline_entries"));
    }

    internal static async Task WinAsync(RunningSample publisher, int from, int count)
    {
        await using var scope = publisher.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        for (var number = from; number < from + count; number++)
        {
            await DealDesk.WinAsync(db, number, TestContext.Current.CancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
