using Crm.Grpc.Health;
using Crm.Grpc.Reflection;
using Microsoft.AspNetCore.Routing;

namespace Crm.Grpc.Server;

/// <summary>The services every CrmPlatform gRPC server offers besides its own API.</summary>
public static class StandardServicesExtensions
{
    /// <summary>Maps <c>grpc.health.v1.Health</c> (from the readiness checks) and <c>grpc.reflection.v1.ServerReflection</c>.</summary>
    public static IEndpointRouteBuilder MapGrpcStandardServices(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<HealthApi>();
        endpoints.MapGrpcService<ReflectionApi>();
        return endpoints;
    }
}
