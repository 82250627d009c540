using Crm.Audit.Grpc.V1;
using Crm.Gateway.Features.CustomerView;
using CrmPlatform.ServiceDefaults;

namespace Crm.Gateway.Features.AuditTrail;

/// <summary>Wiring of the platform's audit trail: a client of each service's trail, named by the service, carrying the caller's token.</summary>
public static class AuditTrailExtensions
{
    /// <summary>The services that keep a trail: those with a database.</summary>
    public static IReadOnlyList<CrmService> Keepers { get; } =
        [CrmResources.Leads, CrmResources.Opportunities, CrmResources.Forecasts, CrmResources.Orders, CrmResources.Support];

    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        foreach (var keeper in Keepers)
        {
            services.AddGrpcClient<AuditService.AuditServiceClient>(keeper.Name, o => o.Address = new Uri($"http://_{CrmResources.GrpcEndpoint}.{keeper.Name}"))
                .AddHttpMessageHandler<CallerToken>()
                .AddServiceDiscovery();
        }

        return services;
    }
}
