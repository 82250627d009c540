using System.Globalization;

namespace CrmPlatform.AppHost;

/// <summary>
/// Aspire's orchestrator (DCP) runs detached from the app host, watching it (<c>--monitor PID</c>), and stops the
/// resources after the app host has shut down: servers get SIGTERM and a few seconds to finish.
/// </summary>
internal static class Orchestrator
{
    /// <summary>Waits until no orchestrator process watching <paramref name="appHostPid"/> is left, or the time is up.</summary>
    public static async Task WaitUntilGoneAsync(int appHostPid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (WatchersOf(appHostPid).Any() && DateTime.UtcNow < deadline)
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
