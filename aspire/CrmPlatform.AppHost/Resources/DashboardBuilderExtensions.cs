using Microsoft.Extensions.Configuration;

namespace CrmPlatform.AppHost.Resources;

public static class DashboardBuilderExtensions
{
    /// <summary>
    /// The dashboard, its OTLP receiver and the app host's resource service on loopback without TLS, at 18888, 18889
    /// and 18887 when free (what an Aspire launch profile
    /// would set; <c>./build.sh run</c> starts the built program without one). Variables already set win.
    /// </summary>
    public static IDistributedApplicationBuilder AddLocalDashboard(this IDistributedApplicationBuilder builder, LocalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            defaults["ASPNETCORE_URLS"] = $"http://127.0.0.1:{settings.Port(18888)}";
        }

        if (builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] is null)
        {
            defaults["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{settings.Port(18889)}";
        }

        // The dashboard reads its resources from the app host over gRPC; on loopback, without TLS too.
        if (builder.Configuration["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] is null)
        {
            defaults["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{settings.Port(18887)}";
        }

        defaults["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        builder.Configuration.AddInMemoryCollection(defaults);
        return builder;
    }
}
