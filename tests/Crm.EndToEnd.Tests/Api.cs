using Crm.Forecasts.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Crm.Grpc.Client;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Crm.EndToEnd.Tests;

/// <summary>The methods the journey calls, all through the gateway.</summary>
internal static class Api
{
    private static readonly ServiceDescriptor Leads = LeadsReflection.Descriptor.Services[0];
    private static readonly ServiceDescriptor Opportunities = OpportunitiesReflection.Descriptor.Services[0];
    private static readonly ServiceDescriptor Forecasts = ForecastsReflection.Descriptor.Services[0];
    private static readonly ServiceDescriptor Orders = OrdersReflection.Descriptor.Services[0];
    private static readonly ServiceDescriptor Support = SupportReflection.Descriptor.Services[0];
    private static readonly ServiceDescriptor View = CustomerViewReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<LaunchCampaignRequest, Campaign> LaunchCampaign = M<LaunchCampaignRequest, Campaign>(Leads, "LaunchCampaign");
    public static readonly GrpcMethod<CaptureLeadRequest, CaptureLeadResponse> CaptureLead = M<CaptureLeadRequest, CaptureLeadResponse>(Leads, "CaptureLead");
    public static readonly GrpcMethod<QualifyLeadRequest, Lead> QualifyLead = M<QualifyLeadRequest, Lead>(Leads, "QualifyLead");
    public static readonly GrpcMethod<ConvertLeadRequest, ConvertLeadResponse> ConvertLead = M<ConvertLeadRequest, ConvertLeadResponse>(Leads, "ConvertLead");
    public static readonly GrpcMethod<ListLeadsRequest, ListLeadsResponse> ListLeads = M<ListLeadsRequest, ListLeadsResponse>(Leads, "ListLeads");
    public static readonly GrpcMethod<GetOpportunityRequest, Opportunity> GetOpportunity = M<GetOpportunityRequest, Opportunity>(Opportunities, "GetOpportunity");
    public static readonly GrpcMethod<ChangeStageRequest, Opportunity> ChangeStage = M<ChangeStageRequest, Opportunity>(Opportunities, "ChangeStage");
    public static readonly GrpcMethod<UpdateDealRequest, Opportunity> UpdateDeal = M<UpdateDealRequest, Opportunity>(Opportunities, "UpdateDeal");
    public static readonly GrpcMethod<LogActivityRequest, Activity> LogActivity = M<LogActivityRequest, Activity>(Opportunities, "LogActivity");
    public static readonly GrpcMethod<ScheduleMeetingRequest, Meeting> ScheduleMeeting = M<ScheduleMeetingRequest, Meeting>(Opportunities, "ScheduleMeeting");
    public static readonly GrpcMethod<WinOpportunityRequest, Opportunity> WinOpportunity = M<WinOpportunityRequest, Opportunity>(Opportunities, "WinOpportunity");
    public static readonly GrpcMethod<GetPipelineRequest, Pipeline> GetPipeline = M<GetPipelineRequest, Pipeline>(Forecasts, "GetPipeline");
    public static readonly GrpcMethod<GetForecastRequest, Forecast> GetForecast = M<GetForecastRequest, Forecast>(Forecasts, "GetForecast");
    public static readonly GrpcMethod<ShipOrderRequest, Order> ShipOrder = M<ShipOrderRequest, Order>(Orders, "ShipOrder");
    public static readonly GrpcMethod<IssueInvoiceRequest, Invoice> IssueInvoice = M<IssueInvoiceRequest, Invoice>(Orders, "IssueInvoice");
    public static readonly GrpcMethod<RecordPaymentRequest, Invoice> RecordPayment = M<RecordPaymentRequest, Invoice>(Orders, "RecordPayment");
    public static readonly GrpcMethod<OpenCaseRequest, Case> OpenCase = M<OpenCaseRequest, Case>(Support, "OpenCase");
    public static readonly GrpcMethod<LogInteractionRequest, Interaction> LogInteraction = M<LogInteractionRequest, Interaction>(Support, "LogInteraction");
    public static readonly GrpcMethod<GetCustomerViewRequest, CustomerView> GetCustomerView = M<GetCustomerViewRequest, CustomerView>(View, "GetCustomerView");
    public static readonly GrpcMethod<SearchCustomersRequest, SearchCustomersResponse> SearchCustomers = M<SearchCustomersRequest, SearchCustomersResponse>(View, "SearchCustomers");

    private static GrpcMethod<TRequest, TResponse> M<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => GrpcMethod.For<TRequest, TResponse>(service, name);
}
