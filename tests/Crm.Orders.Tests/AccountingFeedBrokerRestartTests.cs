using Crm.Feed.Grpc.V1;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Grpc.Core;

namespace Crm.Orders.Tests;

/// <summary>The accounting feed keeps flowing while the broker restarts: it is appended from the database alone, and a
/// subscription does not notice the broker.</summary>
[Collection(nameof(RunsAlone))]
public sealed class AccountingFeedBrokerRestartTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private OrdersHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await OrdersHost.StartAsync(await servers.IsolateAsync(nameof(AccountingFeedBrokerRestartTests)), "--Feed:AppendInterval=00:00:00.100");

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_subscription_receives_every_event_in_order_before_during_and_after_a_broker_restart()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        using var subscription = client.Subscribe(new SubscribeRequest(), TestCalls.As("ledger", Deadline, "accounting"));
        var customer = Guid.NewGuid();
        var before = Deals.Won(customer);
        await _host.WinAsync(before);
        var booked = await NextAsync(subscription.ResponseStream);
        Assert.Equal(("crm.orders.order_booked", 1L), (booked.Type, booked.Position));

        var during = new List<FeedEvent>();
        await servers.RestartRabbitMqAsync(
            async whileDown =>
            {
                var order = await _host.Client.OrderOfAsync(customer, before.OpportunityId);
                await _host.Client.InvoiceAsync(order.OrderId, _host.Clock.Today.AddDays(30));
                await FeedWriters.WriteAsync(_host.Resources.DatabaseConnectionString, 300, whileDown);
                while (during.Count < 301)
                {
                    during.Add(await NextAsync(subscription.ResponseStream));
                }
            },
            cancellationToken);

        await _host.WinAsync(Deals.Won(customer));
        var after = await NextAsync(subscription.ResponseStream);
        Assert.Contains(during, e => e.Type == "crm.orders.invoice_issued");
        Assert.Equal("crm.orders.order_booked", after.Type);
        Assert.Equal(Enumerable.Range(1, 303).Select(p => (long)p), during.Prepend(booked).Append(after).Select(e => e.Position));
    }

    private static async Task<FeedEvent> NextAsync(IAsyncStreamReader<FeedEvent> stream)
    {
        Assert.True(await stream.MoveNext(TestContext.Current.CancellationToken), "the subscription ended");
        return stream.Current;
    }
}
