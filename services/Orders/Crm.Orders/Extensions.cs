using Crm.Messaging.Audit;
using Crm.Messaging.Privacy;
using Crm.Grpc.Hosting;
using Crm.Messaging;
using Crm.Orders.Consumers;
using Crm.Orders.Data;
using Crm.Orders.Features;
using Crm.Orders.Features.AccountingFeed;
using Crm.Orders.Features.Credit;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Orders;

/// <summary>The orders service's wiring: its own database with the outbox, the broker, its gRPC API and the overdue check.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddOrdersService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceMessaging<OrdersDbContext>(CrmResources.Orders, bus =>
        {
            bus.AddConsumer<OpportunityWonConsumer>();
            bus.AddConsumer<AccountCreatedConsumer>();
            bus.AddConsumer<AccountUpdatedConsumer>();
        });
        builder.AddGrpcServer();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<OrdersOptions>(builder.Configuration.GetSection(OrdersOptions.Section));
        builder.Services.AddHostedService<OverdueInvoiceCheck>();
        builder.AddAccountingFeed();
        return builder;
    }

    public static WebApplication MapOrdersService(this WebApplication app)
    {
        app.MapGrpcService<OrdersApi>();
        app.MapGrpcService<AccountingFeedApi>();
        app.MapAuditTrail();
        app.MapPersonalData();
        app.MapGrpcStandardServices();
        return app;
    }
}
