using Crm.Gateway.Grpc.V1;
using Crm.Grpc;
using Grpc.Core;
using Grpc.Reflection;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Features.Forwarding;

/// <summary>Wiring of the forwarding of every service's public API, with YARP.</summary>
public static class ForwardingExtensions
{
    public static IServiceCollection AddServiceForwarding(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<ServiceForwarder>();

        services.AddOptions<ForwardingOptions>();

        // Reflection at the gateway lists its own API and every API it forwards, so grpcurl needs no .proto files.
        services.AddSingleton(sp => new ReflectionServiceImpl(Described(sp)));
        services.AddSingleton(sp => new ReflectionV1ServiceImpl(Described(sp)));
        return services;
    }

    /// <summary>Maps <c>/{proto service}/{method}</c> of each route to the owner's gRPC endpoint, from Aspire's
    /// service configuration (<c>services__{owner}__grpc__0</c>); a route whose owner is not configured answers
    /// UNAVAILABLE naming the setting.</summary>
    public static IEndpointRouteBuilder MapServiceForwarding(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        var forwarder = endpoints.ServiceProvider.GetRequiredService<ServiceForwarder>();
        foreach (var route in endpoints.ServiceProvider.GetRequiredService<IOptions<ForwardingOptions>>().Value.Routes)
        {
            var path = $"/{route.ProtoService}/{{method}}";
            if (configuration[route.Owner.GrpcEndpointKey] is { Length: > 0 } address)
            {
                endpoints.MapPost(path, http => forwarder.ForwardAsync(http, route, address)).WithDisplayName("forward " + route.ProtoService);
            }
            else
            {
                var missing = Status.Unavailable($"the {route.Owner.Name} service is not configured here (services__{route.Owner.Name}__grpc__0)");
                endpoints.MapPost(path, http =>
                {
                    GrpcStatusResponse.Write(http, missing);
                    return Task.CompletedTask;
                });
            }
        }

        return endpoints;
    }

    private static Google.Protobuf.Reflection.ServiceDescriptor[] Described(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ForwardingOptions>>().Value.Routes.Select(r => r.Descriptor)
            .Append(CustomerViewReflection.Descriptor.Services[0])
            .Append(global::Grpc.Health.V1.Health.Descriptor)
            .Append(global::Grpc.Reflection.V1.ServerReflection.Descriptor)
            .Append(global::Grpc.Reflection.V1Alpha.ServerReflection.Descriptor)
            .ToArray();
}
