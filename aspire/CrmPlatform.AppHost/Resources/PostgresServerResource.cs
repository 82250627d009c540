using CrmPlatform.LocalServers;

namespace CrmPlatform.AppHost.Resources;

/// <summary>Our own PostgreSQL: a superuser connection (trust on loopback) to the server; each database resource
/// names its own database.</summary>
public sealed class PostgresServerResource(string name, PostgresOptions options)
    : LocalServerResource(name, PostgresServer.Spec(options)), IResourceWithConnectionString
{
    public PostgresOptions Options { get; } = options;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PostgresServer.ConnectionString(Options.Port)}");
}
