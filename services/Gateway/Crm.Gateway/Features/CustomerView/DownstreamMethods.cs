using Crm.Grpc.Client;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>The services' methods the customer view calls.</summary>
internal static class DownstreamMethods
{
    public static readonly GrpcMethod<GetCustomerOriginRequest, CustomerOrigin> Origin =
        GrpcMethod.For<GetCustomerOriginRequest, CustomerOrigin>(LeadsReflection.Descriptor.Services[0], "GetCustomerOrigin");

    public static readonly GrpcMethod<GetCustomerSalesRequest, CustomerSales> Sales =
        GrpcMethod.For<GetCustomerSalesRequest, CustomerSales>(OpportunitiesReflection.Descriptor.Services[0], "GetCustomerSales");

    public static readonly GrpcMethod<GetCustomerOrdersRequest, CustomerOrders> Orders =
        GrpcMethod.For<GetCustomerOrdersRequest, CustomerOrders>(OrdersReflection.Descriptor.Services[0], "GetCustomerOrders");

    public static readonly GrpcMethod<GetCustomerCasesRequest, CustomerCases> Cases =
        GrpcMethod.For<GetCustomerCasesRequest, CustomerCases>(SupportReflection.Descriptor.Services[0], "GetCustomerCases");

    public static readonly GrpcMethod<SearchAccountsRequest, SearchAccountsResponse> SearchAccounts =
        GrpcMethod.For<SearchAccountsRequest, SearchAccountsResponse>(OpportunitiesReflection.Descriptor.Services[0], "SearchAccounts");
}
