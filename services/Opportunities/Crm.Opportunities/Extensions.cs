using Crm.Grpc.Server;
using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Opportunities;

/// <summary>The opportunities service's wiring: its own database, the broker and its gRPC API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddOpportunitiesService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Opportunities);
        builder.AddServiceMessaging(CrmResources.Opportunities);
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapOpportunitiesService(this WebApplication app)
    {
        app.MapGrpcStandardServices();
        return app;
    }
}
