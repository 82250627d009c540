using Crm.Gateway.Features.AuditTrail;
using Crm.Gateway.Features.CustomerView;
using CrmPlatform.ServiceDefaults;
using ServicePersonalData = Crm.Privacy.Grpc.V1.PersonalDataService;

namespace Crm.Gateway.Features.PersonalData;

/// <summary>Wiring of personal data across the platform: a client of each service's part, named by the service, carrying the caller's token.</summary>
public static class PersonalDataExtensions
{
    /// <summary>The service that records erasure requests and publishes them to the others: marketing's, where people
    /// first come in.</summary>
    public static CrmService Registrar => CrmResources.Leads;

    public static IServiceCollection AddPersonalData(this IServiceCollection services)
    {
        // The services that hold data are those with a database, as for the audit trail.
        foreach (var holder in AuditTrailExtensions.Keepers)
        {
            services.AddGrpcClient<ServicePersonalData.PersonalDataServiceClient>(ClientName(holder.Name), o => o.Address = new Uri($"http://_{CrmResources.GrpcEndpoint}.{holder.Name}"))
                .AddHttpMessageHandler<CallerToken>()
                .AddServiceDiscovery();
        }

        return services;
    }

    /// <summary>The client's name for <paramref name="service"/> (the client factory wants one name per client, whatever its type).</summary>
    internal static string ClientName(string service) => $"{service}.personal-data";
}
