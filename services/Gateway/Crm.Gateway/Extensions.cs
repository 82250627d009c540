using Crm.Gateway.Features.CustomerView;
using Crm.Gateway.Features.Forwarding;
using Crm.Grpc.Hosting;

namespace Crm.Gateway;

/// <summary>The gateway's wiring: forwarding of every service's API, and its own customer view.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddGrpcServer();
        builder.Services.AddServiceForwarding();
        builder.Services.AddCustomerView(builder.Configuration);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapGrpcStandardServices();
        app.MapServiceForwarding(app.Configuration);
        app.MapGrpcService<CustomerViewApi>();
        return app;
    }
}
