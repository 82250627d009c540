namespace CrmPlatform.LocalServers;

/// <summary>How <see cref="LocalPlatform"/> starts the platform.</summary>
/// <param name="Layout">The checkout whose built services run.</param>
/// <param name="DataDirectory">Where our own PostgreSQL and RabbitMQ keep data (reused by the next start).</param>
/// <param name="PostgresConnectionString">An existing server to use instead of starting one (needs CREATEDB).</param>
/// <param name="MessagingConnectionString">An existing RabbitMQ to use instead of starting one.</param>
/// <param name="StablePorts">Prefer the same ports on every run (5100+ gRPC, 5200+ HTTP), so URLs keep working;
/// tests ask for any free port instead.</param>
/// <param name="Environment">Extra variables for every service (OTEL_*, log levels).</param>
/// <param name="PostgresBinDirectory">Where the PostgreSQL programs are, when not in Debian's place.</param>
public sealed record PlatformOptions(
    RepositoryLayout Layout,
    string DataDirectory,
    string? PostgresConnectionString = null,
    string? MessagingConnectionString = null,
    bool StablePorts = true,
    IReadOnlyDictionary<string, string?>? Environment = null,
    string? PostgresBinDirectory = null)
{
    /// <summary>How long every service has to answer /health.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
