using Crm.Messaging.Audit;
using Crm.Messaging.Privacy;
using Crm.Grpc.Hosting;
using Crm.Leads.Consumers;
using Crm.Leads.Data;
using Crm.Leads.Features;
using Crm.Leads.Features.Cadences;
using Crm.Leads.Features.Import;
using Crm.Leads.Features.Privacy;
using Crm.Leads.Features.Scoring;
using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Leads;

/// <summary>The leads service's wiring: its own database with the outbox, the broker, its consumer and its gRPC API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddLeadsService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceMessaging<LeadsDbContext>(CrmResources.Leads, bus =>
        {
            bus.AddConsumer<OpportunityOpenedConsumer>();
            bus.AddConsumer<OpportunityWonConsumer>();
            bus.AddConsumer<MeetingScheduledConsumer>();
            bus.AddConsumer<ContactAddedConsumer>();
            bus.AddConsumer<ContactUpdatedConsumer>();
            bus.AddConsumer<ContactConsentRecordedConsumer>();
            bus.AddConsumer<AccountCreatedConsumer>();
            bus.AddConsumer<AccountUpdatedConsumer>();
        });
        builder.Services.AddScoped<IPersonalDataHolder, LeadsPersonalData>();
        builder.Services.AddScoped<LeadImporter>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDripMarketing();
        builder.Services.AddHostedService<LeadRescoring>();
        builder.Services.AddSingleton<AbandonedImports>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AbandonedImports>());
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapLeadsService(this WebApplication app)
    {
        app.MapGrpcService<LeadsApi>();
        app.MapOptOut();
        app.MapAuditTrail();
        app.MapPersonalData();
        app.MapGrpcStandardServices();
        return app;
    }
}
