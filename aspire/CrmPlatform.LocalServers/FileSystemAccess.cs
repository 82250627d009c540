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

        // The folder is the user's now, but a folder above it may be closed to other users (a home folder, a
        // `mktemp -d`): the server would then fail later with a bare "Permission denied". Say so now, and what to do.
        if (!CanEnter(user, folder))
        {
            throw new ServerStartException(
                $"the {user} user cannot enter {folder}: a folder above it is closed to other users (mode 700, as a home folder or mktemp -d is); "
                + "keep the data elsewhere with --data DIR (e.g. --data /var/tmp/crm), or clone the project under a folder others can enter");
        }
    }

    /// <summary>Writes <paramref name="secret"/> to a new file that only <paramref name="user"/> (and root) may read.</summary>
    public static void WriteSecretFor(string user, string path, string secret)
    {
        // A new file, never one already there (a link planted at the path would send the secret, and the chown, elsewhere).
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(secret);
        }

        if (Posix.IsRoot)
        {
            using var chown = Process.Start("chown", [$"{user}:", path]) ?? throw new InvalidOperationException("chown could not start");
            chown.WaitForExit();
        }
    }

    private static bool CanEnter(string user, string folder)
    {
        using var test = Process.Start("setpriv", ["--reuid", user, "--regid", user, "--init-groups", "test", "-x", folder])
            ?? throw new InvalidOperationException("setpriv could not start");
        test.WaitForExit();
        return test.ExitCode == 0;
    }
}
