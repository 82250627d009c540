using Crm.Grpc.Server;
using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Forecasts;

/// <summary>The forecasts service's wiring: its own database, the broker and its gRPC API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddForecastsService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Forecasts);
        builder.AddServiceMessaging(CrmResources.Forecasts);
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapForecastsService(this WebApplication app)
    {
        app.MapGrpcStandardServices();
        return app;
    }
}
