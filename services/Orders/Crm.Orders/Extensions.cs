using Crm.Grpc.Server;
using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Orders;

/// <summary>The orders service's wiring: its own database, the broker and its gRPC API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddOrdersService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Orders);
        builder.AddServiceMessaging(CrmResources.Orders);
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapOrdersService(this WebApplication app)
    {
        app.MapGrpcStandardServices();
        return app;
    }
}
