using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Support.Grpc.V1;
using CrmPlatform.ServiceDefaults;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>Wiring of the customer view: a generated client for each service it asks, found through Aspire's service
/// configuration (<c>services__{name}__grpc__0</c>) by service discovery, carrying the caller's token.</summary>
public static class CustomerViewExtensions
{
    public static IServiceCollection AddCustomerView(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CustomerViewOptions>(configuration.GetSection("CustomerView"));
        services.AddSingleton(TimeProvider.System);
        services.AddServiceDiscovery();
        services.AddHttpContextAccessor();
        services.AddTransient<CallerToken>();
        services.AddServiceClient<LeadsService.LeadsServiceClient>(CrmResources.Leads);
        services.AddServiceClient<OpportunitiesService.OpportunitiesServiceClient>(CrmResources.Opportunities);
        services.AddServiceClient<OrdersService.OrdersServiceClient>(CrmResources.Orders);
        services.AddServiceClient<SupportService.SupportServiceClient>(CrmResources.Support);
        services.AddSingleton<SectionFetcher>();
        return services;
    }

    private static void AddServiceClient<TClient>(this IServiceCollection services, CrmService owner)
        where TClient : class =>
        services.AddGrpcClient<TClient>(o => o.Address = new Uri($"http://_{CrmResources.GrpcEndpoint}.{owner.Name}"))
            .AddHttpMessageHandler<CallerToken>()
            .AddServiceDiscovery();
}
