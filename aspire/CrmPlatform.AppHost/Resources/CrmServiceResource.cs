namespace CrmPlatform.AppHost.Resources;

/// <summary>
/// A service, the gateway or the web app, run from its build output. Aspire's <c>AddProject</c> starts each project
/// through <c>dotnet run</c>, whose project evaluation, seven times at once, added about ten seconds to every start
/// on two cores; the built program starts at once, with the same endpoints, references and health checks.
/// </summary>
public sealed class CrmServiceResource(string name, string program, string projectDirectory)
    : ExecutableResource(name, program, projectDirectory), IResourceWithServiceDiscovery
{
    /// <summary>The other processes of the same service (<c>--replicas N</c>), named <c>{name}-2</c> and on.</summary>
    public IList<CrmServiceResource> Replicas { get; } = [];

    /// <summary>How many of its first annotations are this process's own (endpoints, health check); the ones after
    /// are the service's wiring, which its replicas share.</summary>
    internal int OwnAnnotations { get; set; }
}
