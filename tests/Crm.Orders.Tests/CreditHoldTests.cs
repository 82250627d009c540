using Grpc.Core;
using Crm.Orders.Grpc.V1;
using Crm.Testing;
using CrmPlatform.LocalServers;

namespace Crm.Orders.Tests;

public sealed class CreditHoldTests(CrmTestServers servers) : IAsyncLifetime
{
    private OrdersHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await OrdersHost.StartAsync(servers, nameof(CreditHoldTests));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Overdue_invoice_puts_the_customer_on_hold_until_it_is_paid()
    {
        var customer = Guid.NewGuid();
        var first = Deals.Won(customer);
        await _host.WinAsync(first);
        var order = await _host.Client.OrderOfAsync(customer, first.OpportunityId);
        var invoice = await _host.Client.InvoiceAsync(order.OrderId, _host.Clock.Today.AddDays(30));

        // Not due yet: the check leaves it open.
        await _host.Client.ShipAsync(order.OrderId);
        Assert.Equal(InvoiceStatus.Open, (await _host.Client.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId })).Invoices[0].Status);

        _host.Clock.Advance(TimeSpan.FromDays(31));
        var held = await HoldAsync(customer, onHold: true);
        Assert.Equal([invoice.InvoiceId], held.OverdueInvoiceIds);
        Assert.Contains($"invoice {invoice.Number} overdue since", held.Reason, StringComparison.Ordinal);
        Assert.Equal(1, held.Version);
        var overdue = await _host.PublishedAsync("InvoiceOverdue", Guid.Parse(invoice.InvoiceId), version: 2);
        Assert.Equal(1, overdue.Body.GetProperty("daysOverdue").GetInt32());
        var hold = await _host.PublishedAsync("CreditStatusChanged", customer, version: 1);
        Assert.Equal("Hold", hold.Body.GetProperty("status").GetString());
        Assert.Equal(held.Reason, hold.Body.GetProperty("reason").GetString());

        // The next won deal is refused, with the hold's reason, and the refused order can be neither shipped nor invoiced.
        var second = Deals.Won(customer);
        await _host.WinAsync(second);
        var refused = await _host.Client.OrderOfAsync(customer, second.OpportunityId);
        Assert.Equal(OrderStatus.Rejected, refused.Status);
        Assert.Contains(held.Reason, refused.RejectionReason, StringComparison.Ordinal);
        var rejected = await _host.PublishedAsync("OrderRejected", Guid.Parse(refused.OrderId));
        Assert.Equal("CreditHold", rejected.Body.GetProperty("reason").GetString());
        await Refused.WithAsync(StatusCode.FailedPrecondition, () => _host.Client.ShipAsync(refused.OrderId));
        await Refused.WithAsync(StatusCode.FailedPrecondition, () => _host.Client.InvoiceAsync(refused.OrderId, _host.Clock.Today.AddDays(30)));

        // A part payment leaves the hold; paying the rest lifts it.
        await _host.Client.PayAsync(invoice.InvoiceId, 1000m);
        Assert.True((await _host.Client.GetCreditStatusAsync(customer)).OnHold);
        var paid = await _host.Client.PayAsync(invoice.InvoiceId, 2801.40m);
        Assert.Equal(InvoiceStatus.PaidInFull, paid.Status);
        var released = await HoldAsync(customer, onHold: false, overdue: 0);
        Assert.Equal(2, released.Version);
        var lifted = await _host.PublishedAsync("CreditStatusChanged", customer, version: 2);
        Assert.Equal("Good", lifted.Body.GetProperty("status").GetString());
        Assert.Equal("Hold", lifted.Body.GetProperty("previousStatus").GetString());

        var third = Deals.Won(customer);
        await _host.WinAsync(third);
        Assert.Equal(OrderStatus.Booked, (await _host.Client.OrderOfAsync(customer, third.OpportunityId)).Status);
    }

    [Fact]
    public async Task Invoice_entered_late_is_overdue_at_the_next_check_and_the_hold_stays_while_one_is_unpaid()
    {
        var customer = Guid.NewGuid();
        var first = Deals.Won(customer);
        var second = Deals.Won(customer);
        await _host.WinAsync(first);
        await _host.WinAsync(second);
        var firstOrder = await _host.Client.OrderOfAsync(customer, first.OpportunityId);
        var secondOrder = await _host.Client.OrderOfAsync(customer, second.OpportunityId);

        var late = await _host.Client.InvoiceAsync(firstOrder.OrderId, _host.Clock.Today.AddDays(-10));
        var later = await _host.Client.InvoiceAsync(secondOrder.OrderId, _host.Clock.Today.AddDays(-3));
        Assert.Equal(InvoiceStatus.Open, late.Status);

        var held = await HoldAsync(customer, onHold: true, overdue: 2);
        Assert.Contains($"invoice {late.Number} overdue", held.Reason, StringComparison.Ordinal);
        Assert.Equal(10, (await _host.PublishedAsync("InvoiceOverdue", Guid.Parse(late.InvoiceId), version: 2)).Body.GetProperty("daysOverdue").GetInt32());

        // Paying the oldest leaves the customer on hold, now for the other one; one hold, one event.
        await _host.Client.PayAsync(late.InvoiceId, 3801.40m);
        var still = await _host.Client.GetCreditStatusAsync(customer);
        Assert.True(still.OnHold);
        Assert.Contains($"invoice {later.Number} overdue", still.Reason, StringComparison.Ordinal);
        Assert.Equal([later.InvoiceId], still.OverdueInvoiceIds);

        await _host.Client.PayAsync(later.InvoiceId, 3801.40m);
        var released = await _host.Client.GetCreditStatusAsync(customer);
        Assert.False(released.OnHold);

        // Every review counts as a change of the credit account (the overdue check may have reviewed it once per
        // invoice): the release's event carries the account's version, whatever the reviews before it.
        Assert.Equal("Good", (await _host.PublishedAsync("CreditStatusChanged", customer, version: released.Version)).Body.GetProperty("status").GetString());
        Assert.Equal(2, (await _host.EventsAsync()).Count(e => e.Type == "CreditStatusChanged"));
        var orders = await _host.Client.GetCustomerOrdersAsync(customer);
        Assert.All(orders.Orders, o => Assert.Equal(OrderStatus.Paid, o.Status));
    }

    private async Task<CreditStatus> HoldAsync(Guid customer, bool onHold, int overdue = 1)
    {
        CreditStatus? status = null;
        Assert.True(
            await Poll.UntilAsync(
                async _ => (status = await _host.Client.GetCreditStatusAsync(customer)).OnHold == onHold && status.OverdueInvoiceIds.Count == overdue,
                TimeSpan.FromSeconds(30),
                TestContext.Current.CancellationToken),
            "the credit status did not change");

        // Accounting's worklist says the same: a held customer as its credit status, a released one not at all.
        var listed = (await _host.Client.ListCreditHoldsAsync()).Holds.SingleOrDefault(h => h.CustomerId == customer.ToString());
        Assert.Equal(onHold ? status : null, listed);
        return status!;
    }
}
