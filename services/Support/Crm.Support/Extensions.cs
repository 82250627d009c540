using Crm.Grpc.Server;
using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Support;

/// <summary>The support service's wiring: its own database, the broker and its gRPC API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddSupportService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Support);
        builder.AddServiceMessaging(CrmResources.Support);
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapSupportService(this WebApplication app)
    {
        app.MapGrpcStandardServices();
        return app;
    }
}
