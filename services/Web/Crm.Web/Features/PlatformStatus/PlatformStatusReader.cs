using CrmPlatform.ServiceDefaults;

namespace Crm.Web.Features.PlatformStatus;

/// <summary>Asks every service for its readiness, through the endpoints that service discovery configured.</summary>
public sealed class PlatformStatusReader(HttpClient http, IConfiguration configuration)
{
    public async Task<IReadOnlyList<ServiceStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var services = CrmResources.All.Where(s => s != CrmResources.Web);
        return await Task.WhenAll(services.Select(s => ReadOneAsync(s, cancellationToken)));
    }

    private async Task<ServiceStatus> ReadOneAsync(CrmService service, CancellationToken cancellationToken)
    {
        if (configuration[service.HttpEndpointKey] is not { Length: > 0 } address)
        {
            return new ServiceStatus(service.Name, null, "Not configured", $"set {service.HttpEndpointKey.Replace(":", "__", StringComparison.Ordinal)}");
        }

        var endpoint = new Uri(address);
        try
        {
            using var response = await http.GetAsync(new Uri(endpoint, "/health"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ServiceStatus(service.Name, endpoint, response.IsSuccessStatusCode ? "Healthy" : "Unhealthy", body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new ServiceStatus(service.Name, endpoint, "Unreachable", ex.Message);
        }
    }
}
