using Crm.Api;
using Crm.Grpc.Client;
using Crm.Orders.Grpc.V1;

namespace Crm.Orders.Tests;

/// <summary>The orders API through our gRPC client, as the gateway calls it.</summary>
internal sealed class OrdersClient(GrpcChannel channel)
{

    public Task<Order> GetOrderAsync(GetOrderRequest request) => channel.UnaryAsync(OrdersMethods.GetOrder, request, Options);

    public Task<Order> ShipOrderAsync(ShipOrderRequest request) => channel.UnaryAsync(OrdersMethods.ShipOrder, request, Options);

    public Task<Invoice> IssueInvoiceAsync(IssueInvoiceRequest request) => channel.UnaryAsync(OrdersMethods.IssueInvoice, request, Options);

    public Task<Invoice> RecordPaymentAsync(RecordPaymentRequest request) => channel.UnaryAsync(OrdersMethods.RecordPayment, request, Options);

    public Task<CreditStatus> GetCreditStatusAsync(Guid customerId) =>
        channel.UnaryAsync(OrdersMethods.GetCreditStatus, new GetCreditStatusRequest { CustomerId = customerId.ToString() }, Options);

    public Task<CustomerOrders> GetCustomerOrdersAsync(Guid customerId) =>
        channel.UnaryAsync(OrdersMethods.GetCustomerOrders, new GetCustomerOrdersRequest { CustomerId = customerId.ToString() }, Options);

    public Task<Order> ShipAsync(string orderId) =>
        ShipOrderAsync(new ShipOrderRequest { OrderId = orderId, Carrier = "DHL", TrackingNumber = "JD0146000033" });

    public Task<Invoice> InvoiceAsync(string orderId, DateOnly dueOn) =>
        IssueInvoiceAsync(new IssueInvoiceRequest { OrderId = orderId, DueOn = DateConversions.ToDate(dueOn) });

    public Task<Invoice> PayAsync(string invoiceId, decimal amount, string currency = "EUR") =>
        RecordPaymentAsync(new RecordPaymentRequest { InvoiceId = invoiceId, Amount = MoneyConversions.ToMoney(amount, currency) });

    /// <summary>The customer's only order once the consumer has booked (or rejected) it; waits for it.</summary>
    public async Task<Order> OrderOfAsync(Guid customerId, Guid opportunityId)
    {
        Order? order = null;
        var found = await CrmPlatform.LocalServers.Poll.UntilAsync(
            async _ => (order = (await GetCustomerOrdersAsync(customerId)).Orders.FirstOrDefault(o => o.OpportunityId == opportunityId.ToString())) is not null,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);
        Assert.True(found, $"no order was booked for opportunity {opportunityId}");
        return order!;
    }

    private static CallOptions Options => new() { Timeout = TimeSpan.FromSeconds(10), CancellationToken = TestContext.Current.CancellationToken };
}
