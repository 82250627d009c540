using Crm.Web.Components;
using Crm.Web.Features.PlatformStatus;

namespace Crm.Web;

/// <summary>The web app's wiring: server-rendered Razor components that call the platform's services.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpClient<PlatformStatusReader>(c => c.Timeout = TimeSpan.FromSeconds(3));
        return builder;
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
