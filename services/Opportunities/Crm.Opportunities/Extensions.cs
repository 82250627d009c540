using Crm.Messaging.Audit;
using Crm.Messaging.Privacy;
using Crm.Grpc.Hosting;
using Crm.Messaging;
using Crm.Opportunities.Consumers;
using Crm.Opportunities.Data;
using Crm.Opportunities.Features;
using Crm.Opportunities.Features.Privacy;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Opportunities;

/// <summary>The opportunities service's wiring: its own database with the outbox, the broker and its gRPC API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddOpportunitiesService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceMessaging<OpportunitiesDbContext>(CrmResources.Opportunities, bus =>
        {
            bus.AddConsumer<LeadConvertedConsumer>();
            bus.AddConsumer<CreditStatusChangedConsumer>();
            bus.AddConsumer<ContactUnsubscribedConsumer>();
        });
        builder.Services.AddScoped<IPersonalDataHolder, OpportunitiesPersonalData>();
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapOpportunitiesService(this WebApplication app)
    {
        app.MapGrpcService<OpportunitiesApi>();
        app.MapAuditTrail();
        app.MapPersonalData();
        app.MapGrpcStandardServices();
        return app;
    }
}
