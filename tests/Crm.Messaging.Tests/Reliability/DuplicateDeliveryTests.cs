using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using CrmPlatform.LocalServers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Messaging.Tests.Reliability;

[Trait("Category", "Reliability")]
public sealed class DuplicateDeliveryTests(CrmTestServers servers)
{
    [Fact]
    public async Task Same_message_delivered_three_times_has_one_effect()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(DuplicateDeliveryTests));

        // One message at a time: when the marker after the copies is applied, every copy has been handled.
        await using var consumer = await deployment.StartConsumerAsync("--Messaging:ConcurrentMessageLimit=1", "--Messaging:PrefetchCount=1");
        await using var publisher = await deployment.StartPublisherAsync();
        var bus = publisher.Services.GetRequiredService<IBus>();
        var won = DealDesk.Won(0);
        var marker = DealDesk.Won(1);

        for (var copy = 0; copy < 3; copy++)
        {
            await bus.Publish(won, TestContext.Current.CancellationToken);
        }

        await bus.Publish(marker, TestContext.Current.CancellationToken);

        Assert.True(await Poll.UntilAsync(
            async _ => await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM booked_orders WHERE event_id = '{marker.EventId}'") == 1,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        Assert.Equal(1, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM booked_orders WHERE event_id = '{won.EventId}'"));
        Assert.Equal(1, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT orders FROM customer_tallies WHERE customer_id = '{won.CustomerId}'"));
        Assert.Equal(2, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(*) FROM inbox_messages"));
    }
}
