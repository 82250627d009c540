using Crm.Grpc.Security;

namespace Crm.Gateway.Features.RefusalAudit;

/// <summary>Wiring of the reports of the gateway's refusals to the services that own the methods.</summary>
public static class RefusalAuditExtensions
{
    public static IServiceCollection AddRefusalAudit(this IServiceCollection services)
    {
        services.AddSingleton<GatewayRefusals>();
        services.AddSingleton<IAccessAudit>(sp => sp.GetRequiredService<GatewayRefusals>());
        services.AddHostedService<RefusalReporter>();
        return services;
    }
}
