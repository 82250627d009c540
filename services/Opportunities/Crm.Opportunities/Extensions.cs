using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Opportunities;

/// <summary>The opportunities service's wiring: its own database and the broker.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddOpportunitiesService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Opportunities);
        builder.AddServiceMessaging(CrmResources.Opportunities);
        return builder;
    }
}
