using CrmPlatform.LocalServers;

namespace CrmPlatform.AppHost.Resources;

/// <summary>Our own PostgreSQL: a superuser connection (trust on loopback) to the server, without a database.</summary>
public sealed class PostgresServerResource(string name, PostgresOptions options)
    : LocalServerResource(name, PostgresServer.Spec(options)), IResourceWithConnectionString
{
    public PostgresOptions Options { get; } = options;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username=postgres");
}
