using System.Globalization;
using Crm.Testing;
using Crm.Orders.Grpc.V1;
using CrmPlatform.LocalServers;

namespace Crm.Orders.Tests;

public sealed class BookingTests(CrmTestServers servers) : IAsyncLifetime
{
    private OrdersHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await OrdersHost.StartAsync(servers, nameof(BookingTests));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Won_deal_books_an_order_without_reentry()
    {
        var won = Deals.Won(Guid.NewGuid());

        await _host.WinAsync(won);
        var order = await _host.Client.OrderOfAsync(won.CustomerId, won.OpportunityId);

        Assert.Equal(OrderStatus.Booked, order.Status);
        Assert.Equal(won.CustomerId.ToString(), order.CustomerId);
        Assert.Equal(1, order.Version);
        Assert.Equal(
            won.Lines.Select(l => (l.ProductId.ToString(), l.ProductName, l.Quantity, l.UnitPrice.Amount, l.UnitPrice.Currency)),
            order.Lines.Select(l => (l.ProductId, l.ProductName, decimal.Parse(l.Quantity, CultureInfo.InvariantCulture), l.UnitPrice.Units + (l.UnitPrice.Nanos / 1e9m), l.UnitPrice.CurrencyCode)));
        Assert.Equal(new Common.Grpc.V1.Money { CurrencyCode = "EUR", Units = 3801, Nanos = 400_000_000 }, order.Total);
        Assert.Equal("Hafenstraße 12", order.ShipTo.Street);
        Assert.Equal("20457", order.ShipTo.PostalCode);
        Assert.Equal("PO-2026-117", order.PurchaseOrderNumber);
        Assert.Equal(order, await _host.Client.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId }));

        var booked = await _host.PublishedAsync("OrderBooked", Guid.Parse(order.OrderId), version: 1);
        Assert.Equal(won.OpportunityId, booked.Body.GetProperty("opportunityId").GetGuid());
        Assert.Equal(3801.40m, booked.Amount("total", "amount"));
        Assert.Equal(2, booked.Body.GetProperty("lines").GetArrayLength());
        Assert.Equal(3601.50m, decimal.Parse(booked.Body.GetProperty("lines")[0].GetProperty("lineTotal").GetProperty("amount").ToString(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Redelivered_or_repeated_OpportunityWon_books_one_order()
    {
        var customer = Guid.NewGuid();
        var won = Deals.Won(customer);
        var sameDealAgain = won with { EventId = Guid.NewGuid() };
        var marker = Deals.Won(customer);

        await _host.WinAsync(won);
        await _host.WinAsync(won);
        await _host.WinAsync(sameDealAgain);
        await _host.Client.OrderOfAsync(customer, won.OpportunityId);
        await _host.WinAsync(won);
        await _host.WinAsync(marker);
        await _host.Client.OrderOfAsync(customer, marker.OpportunityId);

        // The marker went after every copy on the same queue: once it is booked, every copy was handled.
        Assert.True(await Poll.UntilAsync(async _ => await _host.CountAsync("SELECT 1 FROM inbox_messages") == 3, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(2, (await _host.Client.GetCustomerOrdersAsync(customer)).Orders.Count);
        Assert.Equal(1, await _host.CountAsync($"SELECT 1 FROM orders WHERE opportunity_id = '{won.OpportunityId}'"));
        Assert.Equal(2, (await _host.EventsAsync()).Count(e => e.Type == "OrderBooked"));
    }

    [Fact]
    public async Task Won_deal_without_lines_is_recorded_as_rejected()
    {
        var won = Deals.Won(Guid.NewGuid()) with { Lines = [] };

        await _host.WinAsync(won);
        var order = await _host.Client.OrderOfAsync(won.CustomerId, won.OpportunityId);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Contains("no lines", order.RejectionReason, StringComparison.Ordinal);
        var rejected = await _host.PublishedAsync("OrderRejected", Guid.Parse(order.OrderId));
        Assert.Equal("InvalidLines", rejected.Body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_deal_won_in_the_past_and_brought_from_another_system_books_no_order()
    {
        var customer = Guid.NewGuid();
        var fromHistory = Deals.Won(customer) with { Lines = [], FromHistory = true };

        await _host.WinAsync(fromHistory);

        // Handled (the inbox keeps each event it applied), and nothing booked: not even a rejected order for no lines.
        Assert.True(await Poll.UntilAsync(async _ => await _host.CountAsync($"SELECT 1 FROM inbox_messages WHERE message_id = '{fromHistory.EventId}'") == 1, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(0, await _host.CountAsync($"SELECT 1 FROM orders WHERE opportunity_id = '{fromHistory.OpportunityId}'"));
        Assert.Empty((await _host.Client.GetCustomerOrdersAsync(customer)).Orders);
    }

    [Fact]
    public async Task Unknown_customer_has_no_orders_and_good_credit()
    {
        var customer = Guid.NewGuid();

        var orders = await _host.Client.GetCustomerOrdersAsync(customer);

        Assert.Empty(orders.Orders);
        Assert.False(orders.Credit.OnHold);
        Assert.Equal(customer.ToString(), orders.Credit.CustomerId);
        Assert.Equal(orders.Credit, await _host.Client.GetCreditStatusAsync(customer));
    }

    [Fact]
    public async Task Orders_are_listed_newest_first_by_customer_deal_and_status_a_page_at_a_time()
    {
        var customer = Guid.NewGuid();
        var first = Deals.Won(customer);
        var second = Deals.Won(customer);
        await _host.WinAsync(first);
        var older = await _host.Client.OrderOfAsync(customer, first.OpportunityId);
        await _host.WinAsync(second);
        var newer = await _host.Client.OrderOfAsync(customer, second.OpportunityId);
        await _host.Client.ShipAsync(older.OrderId);

        var ofDeal = await _host.Client.ListOrdersAsync(new ListOrdersRequest { OpportunityId = first.OpportunityId.ToString() });
        var booked = await _host.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = customer.ToString(), Status = OrderStatus.Booked });
        var page1 = await _host.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = customer.ToString(), Page = new Common.Grpc.V1.PageRequest { PageSize = 1 } });
        var page2 = await _host.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = customer.ToString(), Page = new Common.Grpc.V1.PageRequest { PageSize = 1, PageToken = page1.NextPageToken } });

        Assert.Equal(older.OrderId, Assert.Single(ofDeal.Orders).OrderId);
        Assert.Equal(newer.OrderId, Assert.Single(booked.Orders).OrderId);
        Assert.Equal((newer.OrderId, older.OrderId, string.Empty), (Assert.Single(page1.Orders).OrderId, Assert.Single(page2.Orders).OrderId, page2.NextPageToken));
        await Refused.WithAsync(global::Grpc.Core.StatusCode.InvalidArgument, () => _host.Client.ListOrdersAsync(new ListOrdersRequest { OpportunityId = "deal-7" }), "opportunity_id");
    }
}
