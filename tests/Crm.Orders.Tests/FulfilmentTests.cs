using Grpc.Core;
using Crm.Orders.Grpc.V1;
using Crm.Testing;

namespace Crm.Orders.Tests;

/// <summary>Shipping, invoicing and payment of a booked order, and what each refuses.</summary>
public sealed class FulfilmentTests(CrmTestServers servers) : IAsyncLifetime
{
    private OrdersHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await OrdersHost.StartAsync(servers, nameof(FulfilmentTests));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Booked_order_ships_once_with_carrier_and_tracking()
    {
        var order = await BookAsync();

        var shipped = await _host.Client.ShipAsync(order.OrderId);

        Assert.Equal(OrderStatus.Shipped, shipped.Status);
        Assert.Equal("DHL", shipped.Shipment.Carrier);
        Assert.Equal("JD0146000033", shipped.Shipment.TrackingNumber);
        Assert.NotNull(shipped.Shipment.ShippedAt);
        Assert.Equal(TestCalls.DefaultUser, shipped.Shipment.ShippedBy);
        Assert.Equal(2, shipped.Version);
        var @event = await _host.PublishedAsync("OrderShipped", Guid.Parse(order.OrderId), version: 2);
        Assert.Equal("JD0146000033", @event.Body.GetProperty("trackingNumber").GetString());

        var again = await Refused.WithAsync(StatusCode.FailedPrecondition, () => _host.Client.ShipAsync(order.OrderId));
        Assert.Contains("already shipped", again.Detail, StringComparison.Ordinal);
        Assert.Equal(shipped, await _host.Client.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId }));
    }

    [Fact]
    public async Task Invoice_is_for_the_order_total_once_and_payments_close_it()
    {
        var order = await BookAsync();
        var dueOn = _host.Clock.Today.AddDays(14);

        var invoice = await _host.Client.InvoiceAsync(order.OrderId, dueOn);

        Assert.Equal(order.Total, invoice.Amount);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(new Common.Grpc.V1.Date { Year = dueOn.Year, Month = dueOn.Month, Day = dueOn.Day }, invoice.DueOn);
        Assert.StartsWith("INV-", invoice.Number, StringComparison.Ordinal);
        var issued = await _host.PublishedAsync("InvoiceIssued", Guid.Parse(invoice.InvoiceId), version: 1);
        Assert.Equal(invoice.Number, issued.Body.GetProperty("number").GetString());
        Assert.Equal(OrderStatus.Invoiced, (await _host.Client.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId })).Status);
        await Refused.WithAsync(StatusCode.FailedPrecondition, () => _host.Client.InvoiceAsync(order.OrderId, dueOn));

        var part = await _host.Client.PayAsync(invoice.InvoiceId, 801.40m);
        Assert.Equal(InvoiceStatus.Open, part.Status);
        Assert.Equal(new Common.Grpc.V1.Money { CurrencyCode = "EUR", Units = 801, Nanos = 400_000_000 }, part.Paid);
        Assert.Equal(TestCalls.DefaultUser, Assert.Single(part.Payments).RecordedBy);
        var received = await _host.PublishedAsync("PaymentReceived", Guid.Parse(invoice.InvoiceId), version: 2);
        Assert.Equal(3000m, received.Amount("outstanding", "amount"));

        await Refused.WithAsync(StatusCode.InvalidArgument, () => _host.Client.PayAsync(invoice.InvoiceId, 3000.01m), "amount");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => _host.Client.PayAsync(invoice.InvoiceId, 10m, "USD"), "amount.currency_code");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => _host.Client.PayAsync(invoice.InvoiceId, 0m), "amount");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => _host.Client.PayAsync(invoice.InvoiceId, -5m), "amount");

        var paid = await _host.Client.PayAsync(invoice.InvoiceId, 3000m);
        Assert.Equal(InvoiceStatus.PaidInFull, paid.Status);
        Assert.Equal(2, paid.Payments.Count);
        Assert.Equal(3, paid.Version);
        await _host.PublishedAsync("PaymentReceived", Guid.Parse(invoice.InvoiceId), version: 3);
        await Refused.WithAsync(StatusCode.FailedPrecondition, () => _host.Client.PayAsync(invoice.InvoiceId, 1m));

        var closed = await _host.Client.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId });
        Assert.Equal(OrderStatus.Paid, closed.Status);
        Assert.Equal(3, closed.Version);
        Assert.Equal(3, (await _host.EventsAsync()).Count(e => e.AggregateId == Guid.Parse(invoice.InvoiceId)));
    }

    private async Task<Order> BookAsync()
    {
        var won = Deals.Won(Guid.NewGuid());
        await _host.WinAsync(won);
        return await _host.Client.OrderOfAsync(won.CustomerId, won.OpportunityId);
    }
}
