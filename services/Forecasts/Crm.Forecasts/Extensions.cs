using Crm.Messaging;
using CrmPlatform.ServiceDefaults;

namespace Crm.Forecasts;

/// <summary>The forecasts service's wiring: its own database and the broker.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddForecastsService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CrmResources.Forecasts);
        builder.AddServiceMessaging(CrmResources.Forecasts);
        return builder;
    }
}
