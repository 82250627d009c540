using Crm.Messaging.Audit;
using Crm.Messaging.Privacy;
using Crm.Grpc.Hosting;
using Crm.Forecasts.Consumers;
using Crm.Forecasts.Data;
using Crm.Forecasts.Features;
using Crm.Messaging;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Forecasts;

/// <summary>The forecasts service's wiring: its read model's database, the opportunity events it is built from, the weekly
/// snapshots, its gRPC API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddForecastsService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceMessaging<ForecastsDbContext>(CrmResources.Forecasts, bus =>
        {
            bus.AddConsumer<OpportunityOpenedConsumer>();
            bus.AddConsumer<OpportunityStageChangedConsumer>();
            bus.AddConsumer<ForecastUpdatedConsumer>();
            bus.AddConsumer<OpportunityWonConsumer>();
            bus.AddConsumer<OpportunityLostConsumer>();
            bus.AddConsumer<ActivityLoggedConsumer>();
            bus.AddConsumer<InteractionLoggedConsumer>();
            bus.AddConsumer<DealTeamChangedConsumer>();
        });
        builder.Services.Configure<SnapshotOptions>(builder.Configuration.GetSection(SnapshotOptions.Section));
        builder.Services.AddHostedService<SnapshotCheck>();
        builder.Services.AddSingleton<FlowModels>();
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapForecastsService(this WebApplication app)
    {
        app.MapGrpcService<ForecastsApi>();
        app.MapAuditTrail();
        app.MapPersonalData();
        app.MapGrpcStandardServices();
        return app;
    }
}
