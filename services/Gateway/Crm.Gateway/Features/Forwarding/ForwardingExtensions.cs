using Crm.Grpc;
using Crm.Grpc.Server;

namespace Crm.Gateway.Features.Forwarding;

/// <summary>Wiring of the forwarding of every service's public API.</summary>
public static class ForwardingExtensions
{
    public static IServiceCollection AddServiceForwarding(this IServiceCollection services)
    {
        services.AddSingleton<IForwardingPolicy, OpenForwardingPolicy>();
        services.AddSingleton<GrpcForwarder>();
        services.AddHttpClient(GrpcForwarder.ClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
        return services;
    }

    /// <summary>Maps <c>/{proto service}/{method}</c> of each route to the owner's gRPC endpoint, from service
    /// discovery (<c>services__{owner}__grpc__0</c>).</summary>
    public static IEndpointRouteBuilder MapServiceForwarding(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        var forwarder = endpoints.ServiceProvider.GetRequiredService<GrpcForwarder>();
        var cors = endpoints.ServiceProvider.GetRequiredService<GrpcCors>();
        var registry = endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>();
        foreach (var route in ServiceRoutes.All)
        {
            // Reflection at the gateway lists every API it forwards, so grpcurl needs no .proto files.
            registry.Describe(route.Descriptor);
            var path = $"/{route.ProtoService}/{{method}}";
            if (configuration[route.Owner.GrpcEndpointKey] is { Length: > 0 } address)
            {
                var downstream = new Uri(address);
                endpoints.MapPost(path, http => forwarder.ForwardAsync(http, downstream)).WithDisplayName("forward " + route.ProtoService);
            }
            else
            {
                var missing = Status.Unavailable($"the {route.Owner.Name} service is not configured here (services__{route.Owner.Name}__grpc__0)");
                endpoints.MapPost(path, http => GrpcForwarder.AnswerAsync(http, missing));
            }

            if (cors.Enabled)
            {
                endpoints.MapMethods(path, ["OPTIONS"], cors.PreflightAsync);
            }
        }

        return endpoints;
    }
}
