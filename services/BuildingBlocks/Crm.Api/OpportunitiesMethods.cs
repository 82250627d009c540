using Crm.Grpc.Client;
using Crm.Opportunities.Grpc.V1;
using Google.Protobuf.Reflection;

namespace Crm.Api;

/// <summary>Typed handles on every RPC of <c>crm/opportunities/v1/opportunities.proto</c>, for callers (the gateway, tests, tools).</summary>
public static class OpportunitiesMethods
{
    private static readonly ServiceDescriptor Service = OpportunitiesReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<GetAccountRequest, Account> GetAccount = GrpcMethod.For<GetAccountRequest, Account>(Service, "GetAccount");

    public static readonly GrpcMethod<SearchAccountsRequest, SearchAccountsResponse> SearchAccounts = GrpcMethod.For<SearchAccountsRequest, SearchAccountsResponse>(Service, "SearchAccounts");

    public static readonly GrpcMethod<GetOpportunityRequest, Opportunity> GetOpportunity = GrpcMethod.For<GetOpportunityRequest, Opportunity>(Service, "GetOpportunity");

    public static readonly GrpcMethod<ListOpportunitiesRequest, ListOpportunitiesResponse> ListOpportunities = GrpcMethod.For<ListOpportunitiesRequest, ListOpportunitiesResponse>(Service, "ListOpportunities");

    public static readonly GrpcMethod<ChangeStageRequest, Opportunity> ChangeStage = GrpcMethod.For<ChangeStageRequest, Opportunity>(Service, "ChangeStage");

    public static readonly GrpcMethod<UpdateDealRequest, Opportunity> UpdateDeal = GrpcMethod.For<UpdateDealRequest, Opportunity>(Service, "UpdateDeal");

    public static readonly GrpcMethod<WinOpportunityRequest, Opportunity> WinOpportunity = GrpcMethod.For<WinOpportunityRequest, Opportunity>(Service, "WinOpportunity");

    public static readonly GrpcMethod<LoseOpportunityRequest, Opportunity> LoseOpportunity = GrpcMethod.For<LoseOpportunityRequest, Opportunity>(Service, "LoseOpportunity");

    public static readonly GrpcMethod<LogActivityRequest, Activity> LogActivity = GrpcMethod.For<LogActivityRequest, Activity>(Service, "LogActivity");

    public static readonly GrpcMethod<ScheduleMeetingRequest, Meeting> ScheduleMeeting = GrpcMethod.For<ScheduleMeetingRequest, Meeting>(Service, "ScheduleMeeting");

    public static readonly GrpcMethod<PostponeMeetingRequest, Meeting> PostponeMeeting = GrpcMethod.For<PostponeMeetingRequest, Meeting>(Service, "PostponeMeeting");

    public static readonly GrpcMethod<GetCustomerSalesRequest, CustomerSales> GetCustomerSales = GrpcMethod.For<GetCustomerSalesRequest, CustomerSales>(Service, "GetCustomerSales");
}
