namespace Crm.Web.Features.PlatformStatus;

/// <summary>One service as the status page shows it.</summary>
/// <param name="Name">The service's resource name.</param>
/// <param name="Endpoint">Its HTTP endpoint, or null when configuration does not name one.</param>
/// <param name="Status">Healthy, Unhealthy, Unreachable or Not configured.</param>
/// <param name="Detail">The health report or the error, for whoever investigates.</param>
public sealed record ServiceStatus(string Name, Uri? Endpoint, string Status, string Detail);
