using Crm.Grpc.Client;
using Crm.Leads.Grpc.V1;

namespace Crm.Leads.Tests.Support;

/// <summary>Every RPC of crm.leads.v1.LeadsService, as our client calls it.</summary>
internal static class LeadsMethods
{
    public static readonly GrpcMethod<LaunchCampaignRequest, Campaign> LaunchCampaign = For<LaunchCampaignRequest, Campaign>("LaunchCampaign");
    public static readonly GrpcMethod<RecordCampaignCostRequest, Campaign> RecordCampaignCost = For<RecordCampaignCostRequest, Campaign>("RecordCampaignCost");
    public static readonly GrpcMethod<GetCampaignRequest, Campaign> GetCampaign = For<GetCampaignRequest, Campaign>("GetCampaign");
    public static readonly GrpcMethod<ListCampaignsRequest, ListCampaignsResponse> ListCampaigns = For<ListCampaignsRequest, ListCampaignsResponse>("ListCampaigns");
    public static readonly GrpcMethod<CaptureLeadRequest, CaptureLeadResponse> CaptureLead = For<CaptureLeadRequest, CaptureLeadResponse>("CaptureLead");
    public static readonly GrpcMethod<GetLeadRequest, Lead> GetLead = For<GetLeadRequest, Lead>("GetLead");
    public static readonly GrpcMethod<ListLeadsRequest, ListLeadsResponse> ListLeads = For<ListLeadsRequest, ListLeadsResponse>("ListLeads");
    public static readonly GrpcMethod<QualifyLeadRequest, Lead> QualifyLead = For<QualifyLeadRequest, Lead>("QualifyLead");
    public static readonly GrpcMethod<DisqualifyLeadRequest, Lead> DisqualifyLead = For<DisqualifyLeadRequest, Lead>("DisqualifyLead");
    public static readonly GrpcMethod<ConvertLeadRequest, ConvertLeadResponse> ConvertLead = For<ConvertLeadRequest, ConvertLeadResponse>("ConvertLead");
    public static readonly GrpcMethod<GetCustomerOriginRequest, CustomerOrigin> GetCustomerOrigin = For<GetCustomerOriginRequest, CustomerOrigin>("GetCustomerOrigin");

    private static GrpcMethod<TRequest, TResponse> For<TRequest, TResponse>(string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        GrpcMethod.For<TRequest, TResponse>(LeadsReflection.Descriptor.Services[0], name);
}
