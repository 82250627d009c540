using System.Diagnostics;

namespace CrmPlatform.LocalServers;

/// <summary>Hands a data folder to the system user a server runs as (postgres, rabbitmq) when we are root.</summary>
internal static class FileSystemAccess
{
    public static void GiveTo(string user, string folder)
    {
        Directory.CreateDirectory(folder);
        if (!Posix.IsRoot)
        {
            return;
        }

        using var chown = Process.Start("chown", ["-R", $"{user}:", folder])
            ?? throw new InvalidOperationException("chown could not start");
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new ServerStartException($"could not give {folder} to the {user} user (chown exit {chown.ExitCode})");
        }
    }
}
