using System.Globalization;
using CrmPlatform.LocalServers;

namespace CrmPlatform.AppHost;

/// <summary>
/// Aspire's orchestrator (DCP) runs detached from the app host, watching it (<c>--monitor PID</c>), and stops the
/// resources after the app host has shut down: servers get SIGTERM and a few seconds to finish.
/// </summary>
internal static class Orchestrator
{
    /// <summary>
    /// Waits until the orchestrator watching <paramref name="appHostPid"/> and every process under it (its controllers,
    /// the servers and services they still stop) are gone, or the time is up.
    /// </summary>
    public static async Task WaitUntilGoneAsync(int appHostPid, TimeSpan timeout)
    {
        // Taken now, while the tree is whole: a process whose parent exits is re-parented and no longer found under it.
        var watchers = WatchersOf(appHostPid).ToList();
        var tree = watchers.Concat(watchers.SelectMany(ProcessTree.Descendants)).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (tree.Any(Posix.IsAlive) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }

    private static IEnumerable<int> WatchersOf(int appHostPid)
    {
        var pid = appHostPid.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var monitor = Array.IndexOf(args, "--monitor");
            if (monitor >= 0 && monitor + 1 < args.Length && args[monitor + 1] == pid)
            {
                yield return int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
            }
        }
    }
}
