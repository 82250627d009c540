using Crm.Gateway.Features.AccountingFeed;
using Crm.Gateway.Features.AuditTrail;
using Crm.Gateway.Features.CustomerView;
using Crm.Gateway.Features.Forwarding;
using Crm.Gateway.Features.PersonalData;
using Crm.Gateway.Features.RateLimiting;
using Crm.Gateway.Features.RefusalAudit;
using Crm.Grpc.Hosting;

namespace Crm.Gateway;

/// <summary>The gateway's wiring: forwarding of every service's API, its own customer view, the platform's audit trail and personal data, the accounting feed's HTTP pages, and each caller's rate limit.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddGrpcServer();
        builder.Services.AddServiceForwarding();
        builder.Services.AddCustomerView(builder.Configuration);
        builder.Services.AddAuditTrail();
        builder.Services.AddPersonalData();
        builder.Services.AddAccountingFeedPages();
        builder.Services.AddRefusalAudit();
        builder.Services.AddCallerRateLimits(builder.Configuration);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // After the token check, so that each caller is counted by who it is, and before a call without a valid token
        // is refused, so that such calls are counted too (by address) and a flood of them ends before it is recorded.
        app.MapGrpcStandardServices(a => a.UseRateLimiter());
        app.MapServiceForwarding(app.Configuration);
        app.MapGrpcService<CustomerViewApi>();
        app.MapGrpcService<AuditTrailApi>();
        app.MapGrpcService<PersonalDataApi>();
        app.MapAccountingFeedPages();
        return app;
    }
}
