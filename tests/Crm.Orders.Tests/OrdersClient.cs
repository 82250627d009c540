using Crm.Api;
using Crm.Grpc.Client;
using Crm.Orders.Grpc.V1;

namespace Crm.Orders.Tests;

/// <summary>The orders API through our gRPC client, as the gateway calls it.</summary>
internal sealed class OrdersClient(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = OrdersReflection.Descriptor.Services[0];
    private static readonly GrpcMethod<GetOrderRequest, Order> Get = GrpcMethod.For<GetOrderRequest, Order>(Service, "GetOrder");
    private static readonly GrpcMethod<ShipOrderRequest, Order> Ship = GrpcMethod.For<ShipOrderRequest, Order>(Service, "ShipOrder");
    private static readonly GrpcMethod<IssueInvoiceRequest, Invoice> Issue = GrpcMethod.For<IssueInvoiceRequest, Invoice>(Service, "IssueInvoice");
    private static readonly GrpcMethod<RecordPaymentRequest, Invoice> Pay = GrpcMethod.For<RecordPaymentRequest, Invoice>(Service, "RecordPayment");
    private static readonly GrpcMethod<GetCreditStatusRequest, CreditStatus> Credit = GrpcMethod.For<GetCreditStatusRequest, CreditStatus>(Service, "GetCreditStatus");
    private static readonly GrpcMethod<GetCustomerOrdersRequest, CustomerOrders> Customer = GrpcMethod.For<GetCustomerOrdersRequest, CustomerOrders>(Service, "GetCustomerOrders");

    public Task<Order> GetOrderAsync(GetOrderRequest request) => channel.UnaryAsync(Get, request, Options);

    public Task<Order> ShipOrderAsync(ShipOrderRequest request) => channel.UnaryAsync(Ship, request, Options);

    public Task<Invoice> IssueInvoiceAsync(IssueInvoiceRequest request) => channel.UnaryAsync(Issue, request, Options);

    public Task<Invoice> RecordPaymentAsync(RecordPaymentRequest request) => channel.UnaryAsync(Pay, request, Options);

    public Task<CreditStatus> GetCreditStatusAsync(Guid customerId) =>
        channel.UnaryAsync(Credit, new GetCreditStatusRequest { CustomerId = customerId.ToString() }, Options);

    public Task<CustomerOrders> GetCustomerOrdersAsync(Guid customerId) =>
        channel.UnaryAsync(Customer, new GetCustomerOrdersRequest { CustomerId = customerId.ToString() }, Options);

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
