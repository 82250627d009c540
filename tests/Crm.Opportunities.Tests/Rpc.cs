using Crm.Grpc.Client;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

/// <summary>The service's RPCs, as a client calls them.</summary>
internal static class Rpc
{
    public static readonly GrpcMethod<Wire.GetAccountRequest, Wire.Account> GetAccount = OpportunitiesService.Method<Wire.GetAccountRequest, Wire.Account>("GetAccount");
    public static readonly GrpcMethod<Wire.SearchAccountsRequest, Wire.SearchAccountsResponse> SearchAccounts = OpportunitiesService.Method<Wire.SearchAccountsRequest, Wire.SearchAccountsResponse>("SearchAccounts");
    public static readonly GrpcMethod<Wire.GetOpportunityRequest, Wire.Opportunity> GetOpportunity = OpportunitiesService.Method<Wire.GetOpportunityRequest, Wire.Opportunity>("GetOpportunity");
    public static readonly GrpcMethod<Wire.ListOpportunitiesRequest, Wire.ListOpportunitiesResponse> ListOpportunities = OpportunitiesService.Method<Wire.ListOpportunitiesRequest, Wire.ListOpportunitiesResponse>("ListOpportunities");
    public static readonly GrpcMethod<Wire.ChangeStageRequest, Wire.Opportunity> ChangeStage = OpportunitiesService.Method<Wire.ChangeStageRequest, Wire.Opportunity>("ChangeStage");
    public static readonly GrpcMethod<Wire.UpdateDealRequest, Wire.Opportunity> UpdateDeal = OpportunitiesService.Method<Wire.UpdateDealRequest, Wire.Opportunity>("UpdateDeal");
    public static readonly GrpcMethod<Wire.WinOpportunityRequest, Wire.Opportunity> WinOpportunity = OpportunitiesService.Method<Wire.WinOpportunityRequest, Wire.Opportunity>("WinOpportunity");
    public static readonly GrpcMethod<Wire.LoseOpportunityRequest, Wire.Opportunity> LoseOpportunity = OpportunitiesService.Method<Wire.LoseOpportunityRequest, Wire.Opportunity>("LoseOpportunity");
    public static readonly GrpcMethod<Wire.LogActivityRequest, Wire.Activity> LogActivity = OpportunitiesService.Method<Wire.LogActivityRequest, Wire.Activity>("LogActivity");
    public static readonly GrpcMethod<Wire.ScheduleMeetingRequest, Wire.Meeting> ScheduleMeeting = OpportunitiesService.Method<Wire.ScheduleMeetingRequest, Wire.Meeting>("ScheduleMeeting");
    public static readonly GrpcMethod<Wire.PostponeMeetingRequest, Wire.Meeting> PostponeMeeting = OpportunitiesService.Method<Wire.PostponeMeetingRequest, Wire.Meeting>("PostponeMeeting");
    public static readonly GrpcMethod<Wire.GetCustomerSalesRequest, Wire.CustomerSales> GetCustomerSales = OpportunitiesService.Method<Wire.GetCustomerSalesRequest, Wire.CustomerSales>("GetCustomerSales");
}
