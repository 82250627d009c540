using Crm.Messaging.Audit;
using Crm.Messaging.Privacy;
using Crm.Grpc.Hosting;
using Crm.Messaging;
using Crm.Support.Consumers;
using Crm.Support.Data;
using Crm.Support.Features;
using Crm.Support.Features.ServiceLevels;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Support;

/// <summary>The support service's wiring: its own database with the outbox, the broker (and the customers it learns), its gRPC API and the service-level check.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddSupportService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceMessaging<SupportDbContext>(CrmResources.Support, bus => bus.AddConsumer<AccountCreatedConsumer>());
        builder.AddGrpcServer();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<SupportOptions>(builder.Configuration.GetSection(SupportOptions.Section));
        builder.Services.AddHostedService<ServiceLevelCheck>();
        return builder;
    }

    public static WebApplication MapSupportService(this WebApplication app)
    {
        app.MapGrpcService<SupportApi>();
        app.MapAuditTrail();
        app.MapPersonalData();
        app.MapGrpcStandardServices();
        return app;
    }
}
