using System.Text;
using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using CrmPlatform.LocalServers;
using RabbitMQ.Client;

namespace Crm.Messaging.Tests.Reliability;

[Trait("Category", "Reliability")]
public sealed class PoisonMessageTests(CrmTestServers servers)
{
    private const int GoodMessages = 1_000;

    [Fact]
    public async Task Poison_message_lands_in_the_error_queue_after_the_retries_and_the_good_ones_after_it_are_all_consumed()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(PoisonMessageTests));
        await using var consumer = await deployment.StartConsumerAsync("--Messaging:RetryMinInterval=00:00:00.050", "--Messaging:RetryMaxInterval=00:00:00.200");
        await using var publisher = await deployment.StartPublisherAsync();
        var poison = DealDesk.Won(GoodMessages, withLines: false);
        await SampleDeployment.CommitAsync(publisher, poison);

        await Outbox.OutboxRelayTests.WinAsync(publisher, 0, GoodMessages);

        Assert.True(await Poll.UntilAsync(async _ => await deployment.OrdersAsync() >= GoodMessages, TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken));
        Assert.True(await Poll.UntilAsync(
            async _ => await deployment.QueueAsync(SampleDeployment.OrderBookingQueue + "_error") is { Messages: 1 },
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        Assert.Equal(GoodMessages, await deployment.OrdersAsync());
        Assert.Equal(0, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM inbox_messages WHERE message_id = '{poison.EventId}'"));

        // The dead letter says what went wrong and after how many retries; a fault event went to the fault exchange.
        var dead = await deployment.DeadLetterAsync(SampleDeployment.OrderBookingQueue);
        Assert.NotNull(dead);
        var headers = dead.BasicProperties.Headers!;
        Assert.Equal(poison.EventId.ToString(), dead.BasicProperties.MessageId);
        Assert.Equal(3, Convert.ToInt32(headers["MT-Fault-RetryCount"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("without lines", Encoding.UTF8.GetString((byte[])headers["MT-Fault-Message"]!), StringComparison.Ordinal);
        var factory = new ConnectionFactory { Uri = new Uri(deployment.Messaging) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        await channel.ExchangeDeclarePassiveAsync("opportunities.opportunity-won.fault", TestContext.Current.CancellationToken);
    }
}
