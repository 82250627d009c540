using Crm.Grpc.Client;
using Crm.Orders.Grpc.V1;
using Google.Protobuf.Reflection;

namespace Crm.Api;

/// <summary>Typed handles on every RPC of <c>crm/orders/v1/orders.proto</c>, for callers (the gateway, tests, tools).</summary>
public static class OrdersMethods
{
    private static readonly ServiceDescriptor Service = OrdersReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<GetOrderRequest, Order> GetOrder = GrpcMethod.For<GetOrderRequest, Order>(Service, "GetOrder");

    public static readonly GrpcMethod<ShipOrderRequest, Order> ShipOrder = GrpcMethod.For<ShipOrderRequest, Order>(Service, "ShipOrder");

    public static readonly GrpcMethod<IssueInvoiceRequest, Invoice> IssueInvoice = GrpcMethod.For<IssueInvoiceRequest, Invoice>(Service, "IssueInvoice");

    public static readonly GrpcMethod<RecordPaymentRequest, Invoice> RecordPayment = GrpcMethod.For<RecordPaymentRequest, Invoice>(Service, "RecordPayment");

    public static readonly GrpcMethod<GetCreditStatusRequest, CreditStatus> GetCreditStatus = GrpcMethod.For<GetCreditStatusRequest, CreditStatus>(Service, "GetCreditStatus");

    public static readonly GrpcMethod<GetCustomerOrdersRequest, CustomerOrders> GetCustomerOrders = GrpcMethod.For<GetCustomerOrdersRequest, CustomerOrders>(Service, "GetCustomerOrders");
}
