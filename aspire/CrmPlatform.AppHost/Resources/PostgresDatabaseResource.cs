namespace CrmPlatform.AppHost.Resources;

/// <summary>One service's own database on a PostgreSQL server (ours or the user's), created when missing with the
/// role of the same name that owns it and alone may connect to it (<see cref="CrmPlatform.LocalServers.PostgresDatabases"/>).</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, IResourceWithConnectionString server, string serverLocation, ParameterResource password)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    public IResourceWithConnectionString Parent { get; } = server;

    public string DatabaseName { get; } = databaseName;

    /// <summary>The owner role's password (a secret parameter, from the run's secrets).</summary>
    public ParameterResource Password { get; } = password;

    /// <summary>Where the server is (host, port, TLS), without the administrator's credentials: the service gets its
    /// own role's and nothing that reaches further.</summary>
    public string ServerLocation { get; } = serverLocation;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{ServerLocation};Username={DatabaseName};Password={Password};Database={DatabaseName}");
}
