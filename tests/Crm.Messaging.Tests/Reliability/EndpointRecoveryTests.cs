using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using CrmPlatform.LocalServers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Messaging.Tests.Reliability;

[Trait("Category", "Reliability")]
[Collection(nameof(RunsAlone))]
public sealed class EndpointRecoveryTests
{
    // After its fourth failed attempt to reconnect, MassTransit (8.4.0, 8.5.12) waits 20 s or more before the next. Booked
    // within 20 s of that fault therefore means the watchdog restarted the endpoint as soon as the broker took
    // connections again, not MassTransit's own retry. The bound counts from the fault, not from the broker being
    // ready, so a broker slow to start on a loaded machine eats into the margin instead of failing the test.
    private const int FailedAttempts = 4;
    private static readonly TimeSpan BeforeOwnRetry = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Consumer_is_back_before_its_own_reconnect_after_a_long_broker_outage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var own = new CrmTestServers();
        await own.InitializeAsync();
        var deployment = await SampleDeployment.CreateAsync(own, nameof(EndpointRecoveryTests));
        var faults = new EndpointFaults(SampleDeployment.OrderBookingQueue);
        await using var consumer = await deployment.StartConsumerAsync(
            services => services.AddReceiveEndpointObserver(_ => faults),
            "--Messaging:Recovery:StalledAfter=00:00:02",
            "--Logging:LogLevel:Crm.Messaging.Recovery=Warning");
        await using var publisher = await deployment.StartPublisherAsync();

        // The broker stays away until the consumer failed to reconnect that many times; the watchdog must not restart
        // the endpoint meanwhile (the broker refuses connections), and must as soon as it takes them again.
        await own.RestartRabbitMqAsync(
            async token => Assert.True(
                await Poll.UntilAsync(() => faults.Count >= FailedAttempts, TimeSpan.FromSeconds(150), token),
                $"the consumer reported {faults.Count} failed attempts to reconnect"),
            cancellationToken);
        var ready = TimeProvider.System.GetTimestamp();

        var won = DealDesk.Won(1);
        var bus = publisher.Services.GetRequiredService<IBus>();
        await bus.Publish(won, cancellationToken);
        var deadline = BeforeOwnRetry - TimeProvider.System.GetElapsedTime(faults.LastAt);
        var booked = await Poll.UntilAsync(
            async _ => await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM booked_orders WHERE event_id = '{won.EventId}'") == 1,
            deadline > TimeSpan.Zero ? deadline : TimeSpan.Zero,
            cancellationToken);
        var sinceFault = TimeProvider.System.GetElapsedTime(faults.LastAt);
        var sinceReady = TimeProvider.System.GetElapsedTime(ready);

        TestContext.Current.TestOutputHelper?.WriteLine($"broker ready {sinceFault - sinceReady:g} after the last fault; booked {sinceReady:g} after it was ready");
        Assert.True(
            booked && sinceFault < BeforeOwnRetry + TimeSpan.FromSeconds(1),
            $"the order was not booked within {BeforeOwnRetry} of the last failed reconnect ({sinceFault:g} since it, {sinceReady:g} since the broker was ready; queue {await deployment.QueueAsync(SampleDeployment.OrderBookingQueue)})");
    }
}
