using System.Diagnostics;
using System.Globalization;

namespace CrmPlatform.LocalServers;

/// <summary>
/// A tiny shell process that outlives its owner: when the owner dies without cleaning up (SIGKILL, a crashed test
/// host), it stops every process the owner registered and removes the owner's scratch folder. An owner that stops
/// cleanly dismisses it.
/// </summary>
public sealed class OwnerWatchdog : IDisposable
{
    // Polls once a second: cheap, and a killed run is cleaned up within a couple of seconds. SIGINT first (a fast
    // shutdown for PostgreSQL, which on SIGTERM would wait for its clients), then SIGTERM, then SIGKILL.
    private const string Script = """
        owner=$1; pids=$2; folder=$3
        while kill -0 "$owner" 2>/dev/null; do sleep 1; done
        list=$(cat "$pids" 2>/dev/null)
        for signal in INT TERM KILL; do
          for p in $list; do kill -$signal "$p" 2>/dev/null; done
          i=0
          while [ $i -lt 20 ]; do
            alive=0
            for p in $list; do kill -0 "$p" 2>/dev/null && alive=1; done
            [ $alive = 0 ] && break
            sleep 0.25; i=$((i+1))
          done
        done
        [ -n "$folder" ] && rm -rf "$folder"
        rm -f "$pids"
        """;

    private readonly Process _process;
    private readonly string _pidFile;
    private readonly Lock _gate = new();

    private OwnerWatchdog(Process process, string pidFile)
    {
        _process = process;
        _pidFile = pidFile;
    }

    public int Id => _process.Id;

    /// <summary>Starts a watchdog for <paramref name="ownerPid"/> (this process when null).</summary>
    /// <param name="pidFile">Where the pids to stop are listed; kept outside <paramref name="folderToRemove"/> is not required.</param>
    /// <param name="folderToRemove">A scratch folder to delete when the owner dies, or null to keep it.</param>
    /// <param name="ownerPid">The process whose death triggers the clean-up.</param>
    public static OwnerWatchdog Start(string pidFile, string? folderToRemove, int? ownerPid = null)
    {
        ArgumentNullException.ThrowIfNull(pidFile);
        File.WriteAllText(pidFile, string.Empty);
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var arg in (string[])["sh", "-c", Script, "crm-watchdog",
                     (ownerPid ?? System.Environment.ProcessId).ToString(CultureInfo.InvariantCulture),
                     pidFile, folderToRemove ?? string.Empty])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the watchdog shell");
        process.StandardInput.Close();
        return new OwnerWatchdog(process, pidFile);
    }

    /// <summary>Adds processes to stop should the owner die.</summary>
    public void Track(IEnumerable<int> pids)
    {
        lock (_gate)
        {
            File.AppendAllText(_pidFile, string.Join(' ', pids) + " ");
        }
    }

    /// <summary>The owner cleaned up itself: the watchdog has nothing left to do.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
