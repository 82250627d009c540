using Crm.Grpc.Client;
using Crm.Leads.Grpc.V1;
using Google.Protobuf.Reflection;

namespace Crm.Api;

/// <summary>Typed handles on every RPC of <c>crm/leads/v1/leads.proto</c>, for callers (the gateway, tests, tools).</summary>
public static class LeadsMethods
{
    private static readonly ServiceDescriptor Service = LeadsReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<LaunchCampaignRequest, Campaign> LaunchCampaign = GrpcMethod.For<LaunchCampaignRequest, Campaign>(Service, "LaunchCampaign");

    public static readonly GrpcMethod<RecordCampaignCostRequest, Campaign> RecordCampaignCost = GrpcMethod.For<RecordCampaignCostRequest, Campaign>(Service, "RecordCampaignCost");

    public static readonly GrpcMethod<GetCampaignRequest, Campaign> GetCampaign = GrpcMethod.For<GetCampaignRequest, Campaign>(Service, "GetCampaign");

    public static readonly GrpcMethod<ListCampaignsRequest, ListCampaignsResponse> ListCampaigns = GrpcMethod.For<ListCampaignsRequest, ListCampaignsResponse>(Service, "ListCampaigns");

    public static readonly GrpcMethod<CaptureLeadRequest, CaptureLeadResponse> CaptureLead = GrpcMethod.For<CaptureLeadRequest, CaptureLeadResponse>(Service, "CaptureLead");

    public static readonly GrpcMethod<GetLeadRequest, Lead> GetLead = GrpcMethod.For<GetLeadRequest, Lead>(Service, "GetLead");

    public static readonly GrpcMethod<ListLeadsRequest, ListLeadsResponse> ListLeads = GrpcMethod.For<ListLeadsRequest, ListLeadsResponse>(Service, "ListLeads");

    public static readonly GrpcMethod<QualifyLeadRequest, Lead> QualifyLead = GrpcMethod.For<QualifyLeadRequest, Lead>(Service, "QualifyLead");

    public static readonly GrpcMethod<DisqualifyLeadRequest, Lead> DisqualifyLead = GrpcMethod.For<DisqualifyLeadRequest, Lead>(Service, "DisqualifyLead");

    public static readonly GrpcMethod<ConvertLeadRequest, ConvertLeadResponse> ConvertLead = GrpcMethod.For<ConvertLeadRequest, ConvertLeadResponse>(Service, "ConvertLead");

    public static readonly GrpcMethod<GetCustomerOriginRequest, CustomerOrigin> GetCustomerOrigin = GrpcMethod.For<GetCustomerOriginRequest, CustomerOrigin>(Service, "GetCustomerOrigin");
}
