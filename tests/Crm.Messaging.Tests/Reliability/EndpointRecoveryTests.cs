using System.Diagnostics;
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
    // After its fourth failed attempt to reconnect, MassTransit 8.4.0 waits 22 s or more before the next, and the
    // broker takes a few seconds to start: back within a few seconds of the broker means the watchdog restarted the
    // endpoint as soon as the broker took connections again.
    private const int FailedAttempts = 4;
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Consumer_is_back_within_seconds_of_a_long_broker_outage_ending()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var own = new CrmTestServers();
        await own.InitializeAsync();
        var deployment = await SampleDeployment.CreateAsync(own, nameof(EndpointRecoveryTests));
        var faults = new EndpointFaults(SampleDeployment.OrderBookingQueue);
        using var consumer = await deployment.StartConsumerAsync(
            services => services.AddReceiveEndpointObserver(_ => faults),
            "--Messaging:Recovery:StalledAfter=00:00:02",
            "--Logging:LogLevel:Crm.Messaging.Recovery=Warning");
        using var publisher = await deployment.StartPublisherAsync();

        // The broker stays away until the consumer failed to reconnect that many times; the watchdog must not restart
        // the endpoint meanwhile (the broker refuses connections), and must as soon as it takes them again.
        await own.RestartRabbitMqAsync(
            async token => Assert.True(
                await Poll.UntilAsync(() => faults.Count >= FailedAttempts, TimeSpan.FromSeconds(150), token),
                $"the consumer reported {faults.Count} failed attempts to reconnect"),
            cancellationToken);
        var clock = Stopwatch.StartNew();

        var won = DealDesk.Won(1);
        var bus = publisher.Services.GetRequiredService<IBus>();
        await bus.Publish(won, cancellationToken);
        var booked = await Poll.UntilAsync(
            async _ => await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM booked_orders WHERE event_id = '{won.EventId}'") == 1,
            BackWithin,
            cancellationToken);

        Assert.True(booked, $"the order was not booked within {BackWithin} after the broker came back (queue {await deployment.QueueAsync(SampleDeployment.OrderBookingQueue)})");
        Assert.True(clock.Elapsed < BackWithin + TimeSpan.FromSeconds(1));
    }
}
