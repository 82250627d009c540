using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Leads;

/// <summary>The leads service's wiring: its own database and the broker.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddLeadsService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Leads);
        builder.AddServiceMessaging(CrmResources.Leads);
        return builder;
    }
}
