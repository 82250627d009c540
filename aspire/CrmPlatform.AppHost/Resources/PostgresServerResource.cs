using CrmPlatform.LocalServers;

namespace CrmPlatform.AppHost.Resources;

/// <summary>Our own PostgreSQL: a superuser connection (with its password) to the server; each database resource
/// names its own database and role.</summary>
public sealed class PostgresServerResource(string name, PostgresOptions options)
    : LocalServerResource(name, PostgresServer.Spec(options)), IResourceWithConnectionString
{
    public PostgresOptions Options { get; } = options;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PostgresServer.ConnectionString(Options.Port, Options.SuperuserPassword)}");
}
