using Crm.Grpc.Client;
using Crm.Gateway.Grpc.V1;
using Google.Protobuf.Reflection;

namespace Crm.Api;

/// <summary>Typed handles on every RPC of <c>crm/gateway/v1/customer_view.proto</c>, for callers (the gateway, tests, tools).</summary>
public static class CustomerViewMethods
{
    private static readonly ServiceDescriptor Service = CustomerViewReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<GetCustomerViewRequest, Crm.Gateway.Grpc.V1.CustomerView> GetCustomerView = GrpcMethod.For<GetCustomerViewRequest, Crm.Gateway.Grpc.V1.CustomerView>(Service, "GetCustomerView");

    public static readonly GrpcMethod<SearchCustomersRequest, SearchCustomersResponse> SearchCustomers = GrpcMethod.For<SearchCustomersRequest, SearchCustomersResponse>(Service, "SearchCustomers");
}
