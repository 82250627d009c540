using Crm.Web.Components;
using Crm.Web.Features.Catalogue;
using Crm.Web.Features.Gateway;
using Crm.Web.Features.LeadLists;
using Crm.Web.Features.OptOut;
using Crm.Web.Features.PlatformStatus;
using Crm.Web.Features.SignIn;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Crm.Web;

/// <summary>The web app's wiring: interactive server-rendered pages (MudBlazor) for signed-in people, who call the
/// platform through the gateway with their own token.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        builder.AddSignIn();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddGatewayClients(builder.Configuration);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Catalogue").Get<ProductCatalogue>() ?? new ProductCatalogue());
        builder.Services.AddHttpClient<PlatformStatusReader>(c => c.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddHttpClient<OptOutRelay>(c => c.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSignIn();
        app.MapOptOut();
        app.MapLeadLists();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
