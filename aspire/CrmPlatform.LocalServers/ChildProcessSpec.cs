namespace CrmPlatform.LocalServers;

/// <summary>What to run as a server or child process.</summary>
/// <param name="Name">Short name, for messages about it.</param>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments, passed without a shell.</param>
/// <param name="RunAs">A system user to run it as when we are root (postgres, rabbitmq); ignored otherwise.</param>
/// <param name="Environment">Variables added to (or, with a null value, removed from) our own environment.</param>
/// <param name="WorkingDirectory">Where it runs; the current directory when null.</param>
public sealed record ChildProcessSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    string? RunAs = null,
    IReadOnlyDictionary<string, string?>? Environment = null,
    string? WorkingDirectory = null)
{
    private const string Setpriv = "/usr/bin/setpriv";

    /// <summary>The program that really runs: setpriv when it must drop to <see cref="RunAs"/> (we are root).</summary>
    public string Command => DropsPrivileges ? Setpriv : FileName;

    /// <summary>The arguments of <see cref="Command"/>. setpriv execs in place, so the pid started is the server's own.</summary>
    public IReadOnlyList<string> CommandArguments =>
        DropsPrivileges
            ? [$"--reuid={RunAs}", $"--regid={RunAs}", "--init-groups", "--", FileName, .. Arguments]
            : Arguments;

    private bool DropsPrivileges => RunAs is not null && Posix.IsRoot;
}
