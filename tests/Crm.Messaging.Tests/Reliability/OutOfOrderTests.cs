using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using CrmPlatform.LocalServers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Messaging.Tests.Reliability;

[Trait("Category", "Reliability")]
public sealed class OutOfOrderTests(CrmTestServers servers)
{
    [Fact]
    public async Task Events_of_one_aggregate_applied_out_of_order_end_in_the_latest_state()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(OutOfOrderTests));
        await using var consumer = await deployment.StartConsumerAsync("--Messaging:ConcurrentMessageLimit=1", "--Messaging:PrefetchCount=1");
        await using var publisher = await deployment.StartPublisherAsync();
        var bus = publisher.Services.GetRequiredService<IBus>();
        var opportunity = DealDesk.DealId(7);

        // Published straight to the bus in a scrambled order (the outbox never does that; a replay or a second
        // publisher could): versions 2, 4, 1, 5, 3.
        foreach (var version in new long[] { 2, 4, 1, 5, 3 })
        {
            await bus.Publish(DealDesk.StageChanged(opportunity, version), TestContext.Current.CancellationToken);
        }

        Assert.True(await Poll.UntilAsync(
            async _ => await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(*) FROM inbox_messages") == 5,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        var latest = DealDesk.StageAt(5);
        Assert.NotEqual(DealDesk.StageAt(3), latest);
        Assert.Equal(5, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT version FROM pipeline_entries WHERE opportunity_id = '{opportunity}'"));
        Assert.Equal(1, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM pipeline_entries WHERE stage = '{latest}'"));

        // 2, 4 and 5 were newer than what was applied when they came; 1 and 3 were stale and skipped.
        Assert.Equal(3, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT applied FROM pipeline_entries"));
    }
}
