using CrmPlatform.LocalServers;

namespace CrmPlatform.AppHost.Resources;

/// <summary>
/// A server from Debian's packages that Aspire's orchestrator runs as a plain process: the same program, arguments,
/// user and environment as the test fixture runs (<see cref="ChildProcessSpec"/>), only started by DCP.
/// </summary>
public class LocalServerResource(string name, ChildProcessSpec spec)
    : ExecutableResource(name, spec.Command, spec.WorkingDirectory ?? Directory.GetCurrentDirectory())
{
    public ChildProcessSpec Spec { get; } = spec;
}
