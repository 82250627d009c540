namespace CrmPlatform.AppHost.Resources;

/// <summary>One service's own database on a PostgreSQL server (ours or the user's), created when missing.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, IResourceWithConnectionString server)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    public IResourceWithConnectionString Parent { get; } = server;

    public string DatabaseName { get; } = databaseName;

    // A key given twice in a connection string takes its last value: the server's own Database, if any, is replaced.
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
