using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Support;

/// <summary>The support service's wiring: its own database and the broker.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddSupportService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Support);
        builder.AddServiceMessaging(CrmResources.Support);
        return builder;
    }
}
