using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Orders;

/// <summary>The orders service's wiring: its own database and the broker.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddOrdersService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Orders);
        builder.AddServiceMessaging(CrmResources.Orders);
        return builder;
    }
}
