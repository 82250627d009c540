using Crm.Grpc.Health;
using Crm.Grpc.Reflection;
using Microsoft.AspNetCore.Routing;

namespace Crm.Grpc.Server;

/// <summary>The services every CrmPlatform gRPC server offers besides its own API.</summary>
public static class StandardServicesExtensions
{
    /// <summary>Maps <c>grpc.health.v1.Health</c> (from the readiness checks) and server reflection, both
    /// <c>grpc.reflection.v1</c> and the older <c>v1alpha</c> that some tools still use.</summary>
    public static IEndpointRouteBuilder MapGrpcStandardServices(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<HealthApi>();
        endpoints.MapGrpcService<ReflectionApi>();
        endpoints.MapGrpcService<ReflectionAlphaApi>();
        return endpoints;
    }
}
