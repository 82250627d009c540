namespace CrmPlatform.LocalServers;

/// <summary>What to run as a child process.</summary>
/// <param name="Name">Short name, used as the prefix of its log lines.</param>
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
    string? WorkingDirectory = null);
