using Crm.Orders.Grpc.V1;
using Crm.Testing;
using CrmPlatform.LocalServers;

namespace Crm.Orders.Tests;

public sealed class ReplicaTests(CrmTestServers servers)
{
    [Fact]
    public async Task Two_replicas_mark_each_overdue_invoice_and_hold_each_customer_once()
    {
        var resources = await servers.IsolateAsync(nameof(ReplicaTests));
        await using var first = await OrdersHost.StartAsync(resources, "--Orders:OverdueCheckBatchSize=3");
        await using var second = await OrdersHost.StartAsync(resources, "--Orders:OverdueCheckBatchSize=3");
        var customers = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        var deals = customers.SelectMany(c => Enumerable.Range(0, 5).Select(_ => Deals.Won(c))).ToList();
        foreach (var won in deals)
        {
            await first.WinAsync(won);
        }

        var invoices = new List<Invoice>();
        foreach (var won in deals)
        {
            var order = await first.Client.OrderOfAsync(won.CustomerId, won.OpportunityId);
            invoices.Add(await second.Client.InvoiceAsync(order.OrderId, first.Clock.Today.AddDays(1)));
        }

        // Both replicas' checks now find every invoice overdue at once, and race for them.
        first.Clock.Advance(TimeSpan.FromDays(3));
        second.Clock.Advance(TimeSpan.FromDays(3));

        Assert.True(await Poll.UntilAsync(
            async _ => (await first.EventsAsync()).Count(e => e.Type is "InvoiceOverdue" or "CreditStatusChanged" && e.Sent) >= invoices.Count + customers.Count,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        var events = await first.EventsAsync();
        Assert.All(invoices, i => Assert.Single(events, e => e.Type == "InvoiceOverdue" && e.AggregateId == Guid.Parse(i.InvoiceId)));
        Assert.All(customers, c => Assert.Single(events, e => e.Type == "CreditStatusChanged" && e.AggregateId == c));
        foreach (var customer in customers)
        {
            var credit = await second.Client.GetCreditStatusAsync(customer);
            Assert.True(credit.OnHold);
            Assert.Equal(5, credit.OverdueInvoiceIds.Count);
        }
    }
}
