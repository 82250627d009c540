using System.Globalization;
using CrmPlatform.AppHost.Demo;
using CrmPlatform.AppHost.Resources;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.AppHost;

/// <summary>
/// Once every service is healthy: writes <c>endpoints.json</c>, prints the table of URLs with the dashboard's login
/// link, and loads the demo company on the first run. The file goes when the app host stops.
/// </summary>
internal sealed partial class PlatformConsole(
    DistributedApplicationModel model,
    StartupProgress progress,
    IConfiguration configuration,
    LocalSettings settings,
    ILogger<PlatformConsole> logger) : BackgroundService
{
    private string EndpointsPath => Path.Combine(settings.DataDirectory, "endpoints.json");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var projects = model.Resources.OfType<CrmServiceResource>().ToList();
        await progress.WaitUntilHealthyAsync(projects, stoppingToken);
        var elapsed = StartupProgress.SinceStart;

        var services = projects.ToDictionary(
            p => p.Name,
            p => new ServiceUrls(Url(p, CrmResources.GrpcEndpoint), Url(p, CrmResources.HttpEndpoint)),
            StringComparer.Ordinal);
        var dashboard = Dashboard();
        await EndpointsFile.WriteAsync(EndpointsPath, services, dashboard, stoppingToken);
        PrintTable(services, dashboard, elapsed);

        if (settings.LoadDemo)
        {
            await LoadDemoAsync(new Uri(services[CrmResources.Gateway.Name].Grpc), new Uri(services[CrmResources.Identity.Name].Http), stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        File.Delete(EndpointsPath);
        await base.StopAsync(cancellationToken);
    }

    private static string Url(CrmServiceResource project, string endpoint) =>
        project.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpoint).AllocatedEndpoint?.UriString.TrimEnd('/')
        ?? throw new InvalidOperationException($"{project.Name} has no {endpoint} endpoint allocated");

    /// <summary>The dashboard's address (null when it does not run, as under the testing builder).</summary>
    private Uri? Dashboard() =>
        configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } url
            ? new Uri(url)
            : null;

    private void PrintTable(IReadOnlyDictionary<string, ServiceUrls> services, Uri? dashboard, TimeSpan elapsed)
    {
        var lines = new List<string>
        {
            string.Empty,
            string.Create(CultureInfo.InvariantCulture, $"CrmPlatform is up in {elapsed.TotalSeconds:F1} s. Ctrl+C stops everything."),
            string.Empty,
            $"  {"service",-14}{"gRPC (HTTP/2)",-28}{"HTTP (health, pages)",-28}",
        };
        lines.AddRange(services.Select(s => $"  {s.Key,-14}{s.Value.Grpc,-28}{s.Value.Http,-28}"));
        lines.Add(string.Empty);
        if (dashboard is not null)
        {
            // The login link carries the dashboard's browser token: shown on the console, never written to a file.
            var token = configuration["AppHost:BrowserToken"];
            var login = token is null ? dashboard.ToString() : new Uri(dashboard, $"login?t={token}").ToString();
            lines.Add($"  {"dashboard",-14}{login}");
        }

        lines.Add($"  {"endpoints",-14}{EndpointsPath}");
        if (model.Resources.Any(r => r.Name == CrmResources.Mail))
        {
            // What the cadences e-mailed, one file per message, kept by the local SMTP sink.
            lines.Add($"  {"mail sent",-14}{SmtpSink.NewMail(settings.Folder(CrmResources.Mail))}");
        }
        lines.Add(string.Empty);
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    /// <summary>The demo company, loaded on the first run; a failure is reported and the platform keeps running.</summary>
    private async Task LoadDemoAsync(Uri gateway, Uri identity, CancellationToken cancellationToken)
    {
        try
        {
            var password = LocalSecrets.In(settings).DemoPassword;
            var featured = await DemoSeed.EnsureAsync(gateway, identity, password, settings.DataDirectory, message => LogDemo(message), cancellationToken);
            LogFeatured(DemoData.FeaturedCompany, featured, gateway);
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or InvalidOperationException or HttpRequestException)
        {
            LogDemoFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Message}")]
    private partial void LogDemo(string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: look at customer {Company} ({CustomerId}): crm.gateway.v1.CustomerViewService/GetCustomerView on {Gateway}")]
    private partial void LogFeatured(string company, string customerId, Uri gateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data could not be loaded ({Reason}); the platform runs without it")]
    private partial void LogDemoFailed(string reason);
}
