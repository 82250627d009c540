namespace CrmPlatform.ServiceDefaults;

/// <summary>A service of the platform and the database it owns, if any.</summary>
/// <param name="Name">Its resource name (<c>leads</c>), also <c>OTEL_SERVICE_NAME</c> and the prefix of its queues.</param>
/// <param name="Database">The name of its own PostgreSQL database and connection string, or null for none.</param>
public sealed record CrmService(string Name, string? Database)
{
    /// <summary>The configuration key of another service's gRPC endpoint, as Aspire's service discovery sets it.</summary>
    public string GrpcEndpointKey => $"services:{Name}:{CrmResources.GrpcEndpoint}:0";

    /// <summary>The configuration key of its HTTP endpoint.</summary>
    public string HttpEndpointKey => $"services:{Name}:{CrmResources.HttpEndpoint}:0";
}
