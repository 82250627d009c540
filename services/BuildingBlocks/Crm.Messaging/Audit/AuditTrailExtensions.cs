using Crm.Grpc.Security;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Messaging.Audit;

/// <summary>The audit trail of a service with a database: registered by <c>AddServiceMessaging</c>, served by <see cref="MapAuditTrail"/>.</summary>
public static class AuditTrailExtensions
{
    internal static IServiceCollection AddAuditTrail<TDbContext>(this IServiceCollection services, CrmService service)
        where TDbContext : MessagingDbContext
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(service);
        services.AddSingleton<WriteAuditInterceptor>();
        services.AddSingleton<IAccessAudit, AccessAudit>();
        services.AddScoped<MessagingDbContext>(sp => sp.GetRequiredService<TDbContext>());
        return services;
    }

    /// <summary>Serves <c>crm.audit.v1.AuditService</c>, the service's trail, to administrators.</summary>
    public static WebApplication MapAuditTrail(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<AuditApi>();
        return app;
    }
}
