using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using CrmPlatform.LocalServers;

namespace Crm.Messaging.Tests.Reliability;

[Trait("Category", "Reliability")]
public sealed class PoisonMessageInGroupTests(CrmTestServers servers)
{
    private const int GoodMessages = 60;

    [Fact]
    public async Task A_poison_message_among_events_applied_together_goes_alone_to_the_error_queue_and_its_neighbours_apply_once()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(PoisonMessageInGroupTests));
        // Declares the queue; stopped, so that the events wait in it and arrive at the next consumer all at once.
        await (await deployment.StartConsumerAsync()).DisposeAsync();

        await using var publisher = await deployment.StartPublisherAsync();
        await Outbox.OutboxRelayTests.WinAsync(publisher, 0, 5);
        var poison = DealDesk.Won(GoodMessages, withLines: false);
        await SampleDeployment.CommitAsync(publisher, poison);

        await Outbox.OutboxRelayTests.WinAsync(publisher, 5, GoodMessages - 5);
        Assert.True(await Poll.UntilAsync(
            async _ => await deployment.QueueAsync(SampleDeployment.OrderBookingQueue) is { Messages: GoodMessages + 1 },
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));

        await using var consumer = await deployment.StartConsumerAsync("--Messaging:RetryMinInterval=00:00:00.050", "--Messaging:RetryMaxInterval=00:00:00.200");

        Assert.True(await Poll.UntilAsync(
            async _ => await deployment.QueueAsync(SampleDeployment.OrderBookingQueue + "_error") is { Messages: 1 },
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken));
        Assert.True(await Poll.UntilAsync(async _ => await deployment.OrdersAsync() >= GoodMessages, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(GoodMessages, await deployment.OrdersAsync());
        Assert.Equal(GoodMessages, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(DISTINCT event_id) FROM booked_orders"));
        Assert.Equal(GoodMessages, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT sum(orders) FROM customer_tallies"));
        Assert.Equal(0, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM inbox_messages WHERE message_id = '{poison.EventId}'"));

        // The events were applied in groups (fewer transactions than events: rows of one transaction share its xmin).
        Assert.True(await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(DISTINCT xmin::text) FROM inbox_messages") < GoodMessages);

        var dead = await deployment.DeadLetterAsync(SampleDeployment.OrderBookingQueue);
        Assert.NotNull(dead);
        Assert.Equal(poison.EventId.ToString(), dead.BasicProperties.MessageId);
    }
}
