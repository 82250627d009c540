using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.Testing;
using CrmPlatform.LocalServers;

namespace Crm.Messaging.Tests.Outbox;

public sealed class TracingTests(CrmTestServers servers)
{
    private const string CommandSource = "Crm.Messaging.Tests";

    [Fact]
    public async Task One_trace_runs_from_the_command_through_the_outbox_and_the_broker_into_the_consumer()
    {
        var recorded = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MessagingTelemetry.SourceName or "MassTransit" or CommandSource,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = recorded.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(TracingTests));
        await using var consumer = await deployment.StartConsumerAsync();
        await using var publisher = await deployment.StartPublisherAsync();

        ActivityTraceId trace;
        using var commands = new ActivitySource(CommandSource);
        using (var command = commands.StartActivity("WinDeal"))
        {
            Assert.NotNull(command);
            trace = command.TraceId;
            await OutboxRelayTests.WinAsync(publisher, 0, 1);
        }

        Assert.True(await Poll.UntilAsync(async _ => await deployment.OrdersAsync() == 1, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(1, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM booked_orders WHERE trace_id = '{trace}'"));

        // Spans are recorded when they end: the publish span ends when the broker's confirm arrives, which can be
        // after the consumer already committed.
        foreach (var (source, operation) in new[] { (MessagingTelemetry.SourceName, "outbox publish OpportunityWon"), (MessagingTelemetry.SourceName, "consume OpportunityWon") })
        {
            Assert.True(
                await Poll.UntilAsync(
                    () => recorded.Any(a => a.TraceId == trace && a.Source.Name == source && a.OperationName == operation),
                    TimeSpan.FromSeconds(10),
                    TestContext.Current.CancellationToken),
                $"no span '{operation}' in the command's trace");
        }
    }
}
