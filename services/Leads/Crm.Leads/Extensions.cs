using Crm.Grpc.Server;
using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Leads;

/// <summary>The leads service's wiring: its own database, the broker and its gRPC API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddLeadsService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Leads);
        builder.AddServiceMessaging(CrmResources.Leads);
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapLeadsService(this WebApplication app)
    {
        app.MapGrpcStandardServices();
        return app;
    }
}
