using Crm.Feed.Grpc.V1;
using Crm.Forecasts.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using Grpc.Core;

namespace Crm.Api.Clients;

/// <summary>Every public API on one channel to the gateway, which forwards each to the service that owns it.</summary>
public sealed class GatewayClients(CallInvoker gateway)
{
    public LeadsService.LeadsServiceClient Leads { get; } = new(gateway);

    public OpportunitiesService.OpportunitiesServiceClient Opportunities { get; } = new(gateway);

    public ForecastsService.ForecastsServiceClient Forecasts { get; } = new(gateway);

    public OrdersService.OrdersServiceClient Orders { get; } = new(gateway);

    public SupportService.SupportServiceClient Support { get; } = new(gateway);

    public CustomerViewService.CustomerViewServiceClient CustomerView { get; } = new(gateway);

    public AuditTrailService.AuditTrailServiceClient AuditTrail { get; } = new(gateway);

    public PersonalDataService.PersonalDataServiceClient PersonalData { get; } = new(gateway);

    public AccountingFeedService.AccountingFeedServiceClient Feed { get; } = new(gateway);
}
