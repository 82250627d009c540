using Crm.Api.Clients;
using Crm.Web.Features.SignIn;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Crm.Web.Features.Gateway;

/// <summary>
/// The web app calls only the gateway, as the signed-in person: one channel for the app, and for each interactive
/// session the generated clients over it with that person's access token on every call.
/// </summary>
public static class GatewayExtensions
{
    public static IServiceCollection AddGatewayClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(_ => GrpcChannel.ForAddress(
            configuration[CrmResources.Gateway.GrpcEndpointKey] is { Length: > 0 } address
                ? address
                : throw new InvalidOperationException($"the gateway is not configured ({CrmResources.Gateway.GrpcEndpointKey.Replace(":", "__", StringComparison.Ordinal)})")));
        services.AddScoped(sp =>
        {
            var user = sp.GetRequiredService<SignedInUser>();
            var invoker = sp.GetRequiredService<GrpcChannel>().CreateCallInvoker().Intercept(metadata =>
            {
                // Added here, not as call credentials: gRPC drops those on a channel without TLS (loopback locally).
                if (user.AccessToken is { } token)
                {
                    metadata.Add("authorization", $"Bearer {token}");
                }

                return metadata;
            });
            return new GatewayClients(invoker);
        });
        return services;
    }
}
