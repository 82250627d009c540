using System.Runtime.InteropServices;

namespace CrmPlatform.LocalServers;

/// <summary>The few POSIX calls .NET does not expose: sending a chosen signal and asking who we are.</summary>
public static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint NativeGetEuid();

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it no longer exists.</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && NativeKill(pid, signal) == 0;

    /// <summary>True while a process with this id exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0 || NativeKill(pid, 0) != 0)
        {
            return false;
        }

        // A zombie still answers kill(0); its state letter in /proc tells it has exited.
        var state = ProcessTree.ReadState(pid);
        return state is not null && state != 'Z' && state != 'X';
    }

    public static bool IsRoot => NativeGetEuid() == 0;
}
