namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Resource names in one place, used by the app host, the services, the tests and the Kubernetes manifests alike.
/// They follow Aspire's contract: a connection string is <c>ConnectionStrings__{name}</c>, an endpoint
/// <c>services__{service}__grpc__0</c>. Names carry no hyphens, so that they are valid in environment variables.
/// </summary>
public static class CrmResources
{
    /// <summary>The PostgreSQL server that holds every service's database (each service sees only its own).</summary>
    public const string Postgres = "postgres";

    /// <summary>The RabbitMQ broker every service publishes to and consumes from.</summary>
    public const string Messaging = "messaging";

    /// <summary>The SMTP server drip e-mails go to (a local sink that keeps them as files, or the user's relay).</summary>
    public const string Mail = "mail";

    /// <summary>The gRPC endpoint name of a service (HTTP/2 cleartext).</summary>
    public const string GrpcEndpoint = "grpc";

    /// <summary>The HTTP/1.1 endpoint name of a service (health, web pages).</summary>
    public const string HttpEndpoint = "http";

    /// <summary>Signs people and machines in (OpenID Connect); every other service trusts its tokens.</summary>
    public static readonly CrmService Identity = new("identity", "identitydb");
    public static readonly CrmService Leads = new("leads", "leadsdb");
    public static readonly CrmService Opportunities = new("opportunities", "opportunitiesdb");
    public static readonly CrmService Forecasts = new("forecasts", "forecastsdb");
    public static readonly CrmService Orders = new("orders", "ordersdb");
    public static readonly CrmService Support = new("support", "supportdb");
    public static readonly CrmService Gateway = new("gateway", null);
    public static readonly CrmService Web = new("web", null);

    /// <summary>Every service; the position gives its stable ports (gRPC 5100 + position, HTTP 5200 + position).</summary>
    public static IReadOnlyList<CrmService> All { get; } = [Leads, Opportunities, Forecasts, Orders, Support, Gateway, Web, Identity];
}
