namespace CrmPlatform.AppHost.Resources;

/// <summary>
/// A service, the gateway or the web app, run from its build output. Aspire's <c>AddProject</c> starts each project
/// through <c>dotnet run</c>, whose project evaluation, seven times at once, added about ten seconds to every start
/// on two cores; the built program starts at once, with the same endpoints, references and health checks.
/// </summary>
public sealed class CrmServiceResource(string name, string program, string projectDirectory)
    : ExecutableResource(name, program, projectDirectory), IResourceWithServiceDiscovery;
