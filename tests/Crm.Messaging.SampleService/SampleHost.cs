using Crm.Messaging.SampleService.Consumers;
using Crm.Messaging.SampleService.Data;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Hosting;

namespace Crm.Messaging.SampleService;

/// <summary>The sample's two services, wired the way a real service is: one line each.</summary>
public static class SampleHost
{
    /// <summary>Wins deals and publishes OpportunityWon; it consumes nothing.</summary>
    public static readonly CrmService Publisher = CrmResources.Opportunities;

    /// <summary>Books orders from OpportunityWon and keeps a pipeline from OpportunityStageChanged.</summary>
    public static readonly CrmService Consumer = CrmResources.Orders;

    public static HostApplicationBuilder CreatePublisher(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddServiceMessaging<SampleDbContext>(Publisher);
        return builder;
    }

    public static HostApplicationBuilder CreateConsumer(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddServiceMessaging<SampleDbContext>(Consumer, bus =>
        {
            bus.AddConsumer<OrderBookingConsumer>();
            bus.AddConsumer<PipelineConsumer>();
        });
        return builder;
    }
}
