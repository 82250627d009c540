using System.Diagnostics;

namespace CrmPlatform.LocalServers;

/// <summary>
/// A server or service running as our child (the test fixture's servers, a test's service), in a session of its own
/// so that a terminal's Ctrl+C reaches only the owner, which then stops its children itself.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int RecentLineCount = 60;
    private readonly Process _process;
    private readonly Queue<string> _recent = new();
    private readonly Lock _gate = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it printed, to explain a failed start.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_gate)
            {
                return string.Join(System.Environment.NewLine, _recent);
            }
        }
    }

    /// <summary>Starts <paramref name="spec"/>; every line it prints goes to <paramref name="onLine"/>.</summary>
    public static ChildProcess Start(ChildProcessSpec spec, Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };

        // setsid execs in place, as setpriv does: the pid we hold is the server's own.
        info.ArgumentList.Add(spec.Command);
        foreach (var arg in spec.CommandArguments)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in spec.Environment ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(spec.Name, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, onLine);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, onLine);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>This process and every descendant it has now.</summary>
    public IReadOnlyList<int> TreePids() => [Id, .. ProcessTree.Descendants(Id)];

    /// <summary>Waits for it to exit on its own.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) =>
        _process.WaitForExitAsync(cancellationToken);

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Asks it to stop with <paramref name="signal"/> and waits up to <paramref name="grace"/>; whatever of its
    /// tree is still alive then is killed, so nothing is left behind either way.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        // Taken before the signal: once the child exits, its children are re-parented and can no longer be found.
        var tree = TreePids();
        Posix.Signal(Id, signal);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < grace && tree.Any(Posix.IsAlive))
        {
            await Task.Delay(50);
        }

        foreach (var pid in tree.Where(Posix.IsAlive))
        {
            Posix.Signal(pid, Posix.SigKill);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(Posix.SigKill, TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private void OnLine(string? line, Action<string>? onLine)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _recent.Enqueue(line);
            if (_recent.Count > RecentLineCount)
            {
                _recent.Dequeue();
            }
        }

        onLine?.Invoke(line);
    }
}
