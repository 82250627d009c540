using Crm.Api;
using Crm.Orders.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Crm.Testing;

namespace Crm.Orders.Tests;

/// <summary>The orders API through our gRPC client, as the gateway calls it.</summary>
internal sealed class OrdersClient(GrpcChannel channel)
{
    private readonly OrdersService.OrdersServiceClient _api = new(channel);

    public Task<Order> GetOrderAsync(GetOrderRequest request) => _api.GetOrderAsync(request, Options).ResponseAsync;

    public Task<ListOrdersResponse> ListOrdersAsync(ListOrdersRequest request) => _api.ListOrdersAsync(request, Options).ResponseAsync;

    public Task<Order> ShipOrderAsync(ShipOrderRequest request) => _api.ShipOrderAsync(request, Options).ResponseAsync;

    public Task<Invoice> IssueInvoiceAsync(IssueInvoiceRequest request) => _api.IssueInvoiceAsync(request, Options).ResponseAsync;

    public Task<Invoice> RecordPaymentAsync(RecordPaymentRequest request) => _api.RecordPaymentAsync(request, Options).ResponseAsync;

    public Task<CreditStatus> GetCreditStatusAsync(Guid customerId) =>
        _api.GetCreditStatusAsync(new GetCreditStatusRequest { CustomerId = customerId.ToString() }, Options).ResponseAsync;

    public Task<CreditHolds> ListCreditHoldsAsync(int limit = 0) => _api.ListCreditHoldsAsync(new ListCreditHoldsRequest { Limit = limit }, Options).ResponseAsync;

    public Task<CustomerOrders> GetCustomerOrdersAsync(Guid customerId) =>
        _api.GetCustomerOrdersAsync(new GetCustomerOrdersRequest { CustomerId = customerId.ToString() }, Options).ResponseAsync;

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

    private static CallOptions Options => TestCalls.As(null, TimeSpan.FromSeconds(10));
}
