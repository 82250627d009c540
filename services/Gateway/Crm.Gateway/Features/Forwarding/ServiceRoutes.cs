using Crm.Forecasts.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using CrmPlatform.ServiceDefaults;

namespace Crm.Gateway.Features.Forwarding;

/// <summary>Which service's API the gateway forwards where: every public API of the five services.</summary>
public static class ServiceRoutes
{
    public static IReadOnlyList<ServiceRoute> All { get; } =
    [
        new(LeadsReflection.Descriptor.Services[0], CrmResources.Leads),
        new(OpportunitiesReflection.Descriptor.Services[0], CrmResources.Opportunities),
        new(ForecastsReflection.Descriptor.Services[0], CrmResources.Forecasts),
        new(OrdersReflection.Descriptor.Services[0], CrmResources.Orders),
        new(Crm.Feed.Grpc.V1.FeedReflection.Descriptor.Services[0], CrmResources.Orders),
        new(SupportReflection.Descriptor.Services[0], CrmResources.Support),
    ];
}
