namespace Crm.Deploy.Tests.Rules;

/// <summary>What the platform is, as the tests expect the manifests to say it (DESIGN.md, docs/deploy.md).</summary>
public static class Platform
{
    /// <summary>The services that own a database and use the broker.</summary>
    public static IReadOnlySet<string> DomainServices { get; } =
        new HashSet<string>(["leads", "opportunities", "forecasts", "orders", "support"], StringComparer.Ordinal);

    /// <summary>
    /// The only pods that take traffic from outside the namespace, each on one port: the gateway (gRPC) for
    /// programs, the web app for people, and identity, where people sign in and machine clients get tokens.
    /// </summary>
    public static IReadOnlyDictionary<string, int> PublicDoors { get; } =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["gateway"] = 8081, ["web"] = 8080, ["identity"] = 8080 };

    /// <summary>Where each data store's operator runs: the only other namespace its pods take traffic from.</summary>
    public static IReadOnlyDictionary<PodEndpoint, string> OperatorNamespaces { get; } =
        new Dictionary<PodEndpoint, string> { [PodEndpoint.Postgres] = "cnpg-system", [PodEndpoint.RabbitMq] = "rabbitmq-system" };

    public const int Postgres = 5432;

    public const int Amqp = 5672;
}
