namespace CrmPlatform.LocalServers;

/// <summary>A server program is not installed; the message names the command that installs it.</summary>
public sealed class MissingPrerequisiteException(string what, string installCommand)
    : Exception($"{what} is not installed: run `{installCommand}` (or ./build.sh run, which installs it)")
{
    public string InstallCommand { get; } = installCommand;
}
