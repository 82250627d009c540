using Crm.Common.Grpc.V1;
using Grpc.Core;
using Crm.Orders.Grpc.V1;
using Crm.Testing;

namespace Crm.Orders.Tests;

/// <summary>Every RPC refuses bad input with a status naming the field, and a refused command writes nothing.</summary>
public sealed class BadInputTests(CrmTestServers servers) : IAsyncLifetime
{
    private OrdersHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await OrdersHost.StartAsync(servers, nameof(BadInputTests));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Bad_input_names_the_field_and_changes_nothing()
    {
        var won = Deals.Won(Guid.NewGuid());
        await _host.WinAsync(won);
        var order = await _host.Client.OrderOfAsync(won.CustomerId, won.OpportunityId);
        await _host.PublishedAsync("OrderBooked", Guid.Parse(order.OrderId));
        var client = _host.Client;

        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.GetOrderAsync(new GetOrderRequest()), "order_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.GetOrderAsync(new GetOrderRequest { OrderId = "42" }), "order_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ShipOrderAsync(new ShipOrderRequest { OrderId = order.OrderId, TrackingNumber = "T1" }), "carrier");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ShipOrderAsync(new ShipOrderRequest { OrderId = order.OrderId, Carrier = "UPS", TrackingNumber = "  " }), "tracking_number");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ShipOrderAsync(new ShipOrderRequest { Carrier = "UPS", TrackingNumber = "T1" }), "order_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ShipOrderAsync(new ShipOrderRequest { OrderId = order.OrderId, Carrier = new string('c', 101), TrackingNumber = "T1" }), "carrier");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ShipOrderAsync(new ShipOrderRequest { OrderId = order.OrderId, Carrier = "UPS", TrackingNumber = new string('t', 1 << 20) }), "tracking_number");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.IssueInvoiceAsync(new IssueInvoiceRequest { OrderId = order.OrderId }), "due_on");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.IssueInvoiceAsync(new IssueInvoiceRequest { OrderId = order.OrderId, DueOn = new Date { Year = 2026, Month = 2, Day = 30 } }), "due_on");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.RecordPaymentAsync(new RecordPaymentRequest { InvoiceId = Guid.NewGuid().ToString() }), "amount");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.RecordPaymentAsync(new RecordPaymentRequest { InvoiceId = "x", Amount = new Money { CurrencyCode = "EUR", Units = 1 } }), "invoice_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.RecordPaymentAsync(new RecordPaymentRequest { InvoiceId = Guid.NewGuid().ToString(), Amount = new Money { CurrencyCode = "eur", Units = 1 } }), "amount.currency_code");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.GetCreditStatusAsync(Guid.Empty), "customer_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.GetCustomerOrdersAsync(Guid.Empty), "customer_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ListCreditHoldsAsync(201), "limit");

        await Refused.WithAsync(StatusCode.NotFound, () => client.GetOrderAsync(new GetOrderRequest { OrderId = Guid.NewGuid().ToString() }));
        await Refused.WithAsync(StatusCode.NotFound, () => client.ShipAsync(Guid.NewGuid().ToString()));
        await Refused.WithAsync(StatusCode.NotFound, () => client.InvoiceAsync(Guid.NewGuid().ToString(), _host.Clock.Today));
        await Refused.WithAsync(StatusCode.NotFound, () => client.PayAsync(Guid.NewGuid().ToString(), 1m));

        Assert.Equal(order, await client.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId }));
        Assert.Equal(0, await _host.CountAsync("SELECT 1 FROM invoices UNION ALL SELECT 1 FROM payments UNION ALL SELECT 1 FROM credit_accounts"));
        Assert.Equal("OrderBooked", Assert.Single(await _host.EventsAsync()).Type);
    }
}
