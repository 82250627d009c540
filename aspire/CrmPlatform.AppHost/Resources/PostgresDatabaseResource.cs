namespace CrmPlatform.AppHost.Resources;

/// <summary>One service's own database on a PostgreSQL server (ours or the user's), created when missing with the
/// role of the same name that owns it and alone may connect to it (<see cref="CrmPlatform.LocalServers.PostgresDatabases"/>).</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, IResourceWithConnectionString server, ParameterResource password)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    public IResourceWithConnectionString Parent { get; } = server;

    public string DatabaseName { get; } = databaseName;

    /// <summary>The owner role's password (a secret parameter, from the run's secrets).</summary>
    public ParameterResource Password { get; } = password;

    // A key given twice in a connection string takes its last value: the server's user, password and database are replaced.
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Username={DatabaseName};Password={Password};Database={DatabaseName}");
}
