using System.Collections.Concurrent;
using System.Text.Json;
using CrmPlatform.LocalServers;

namespace Crm.Platform.Tests.AppHost;

/// <summary>
/// The app host as <c>./build.sh run</c> starts it, as a child process of the test. Aspire's orchestrator runs
/// detached, outside the app host's process tree, so every process of this run is found by a marker variable that
/// the orchestrator and everything it starts inherit.
/// </summary>
internal sealed class AppHostRun : IAsyncDisposable
{
    private const string Marker = "CRM_TEST_RUN";
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _marker = Guid.NewGuid().ToString("N");

    private AppHostRun(string dataDirectory, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> arguments)
    {
        DataDirectory = dataDirectory;
        var variables = new Dictionary<string, string?>(environment, StringComparer.Ordinal) { [Marker] = _marker };
        Process = ChildProcess.Start(
            new ChildProcessSpec("apphost", "dotnet", [RepositoryLayout.Find().AppHostAssembly, "--data", dataDirectory, "--ports", "any", .. arguments], Environment: variables),
            _lines.Enqueue);
    }

    public ChildProcess Process { get; }

    public string DataDirectory { get; }

    public string EndpointsFile => Path.Combine(DataDirectory, "endpoints.json");

    /// <summary>Everything it printed so far.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public string Output => string.Join(Environment.NewLine, _lines);

    public static AppHostRun Start(string dataDirectory, IReadOnlyDictionary<string, string?>? environment = null, params string[] arguments) =>
        new(dataDirectory, environment ?? new Dictionary<string, string?>(StringComparer.Ordinal), arguments);

    /// <summary>
    /// How long a start may take in a test: on the shared two-core machine, with another test project starting its own
    /// platform beside this one, a start that takes 30 s alone has taken over two minutes. A deadline, not a wait.
    /// </summary>
    private static readonly TimeSpan StartBudget = TimeSpan.FromMinutes(4);

    /// <summary>Waits for endpoints.json (written once every service is healthy) and reads it.</summary>
    public async Task<RunEndpoints> WaitUntilUpAsync()
    {
        var timeout = StartBudget;
        var up = await Poll.UntilAsync(() => Process.HasExited || File.Exists(EndpointsFile), timeout, TestContext.Current.CancellationToken);
        Assert.True(up && !Process.HasExited, $"the app host did not come up within {timeout}:{Environment.NewLine}{Output}");

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(EndpointsFile, TestContext.Current.CancellationToken));
        var services = document.RootElement.GetProperty("services").EnumerateObject().ToList();
        return new RunEndpoints(
            services.ToDictionary(s => s.Name, s => new Uri(s.Value.GetProperty("http").GetString()!), StringComparer.Ordinal),
            services.ToDictionary(s => s.Name, s => new Uri(s.Value.GetProperty("grpc").GetString()!), StringComparer.Ordinal),
            document.RootElement.TryGetProperty("dashboard", out var dashboard) ? new Uri(dashboard.GetString()!) : null);
    }

    /// <summary>Every live process of this run (the orchestrator, the servers, the services) and their children.</summary>
    public IReadOnlyList<int> Processes()
    {
        var marked = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid != Process.Id && Environ(pid).Contains($"{Marker}={_marker}", StringComparer.Ordinal))
            {
                marked.Add(pid);
            }
        }

        return [.. marked.Concat(marked.SelectMany(ProcessTree.Descendants)).Distinct()];
    }

    /// <summary>The variables a process of this run was started with (we are root in the tests, so any is readable).</summary>
    public static IReadOnlyList<string> Environ(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Sends SIGTERM and waits for it to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        Posix.Signal(Process.Id, Posix.SigTerm);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        await Process.WaitForExitAsync(deadline.Token);
        return Process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        // A failed test must not leave the orchestrator and its servers behind.
        var left = Processes();
        await Process.DisposeAsync();
        foreach (var pid in left.Where(Posix.IsAlive))
        {
            Posix.Signal(pid, Posix.SigKill);
        }
    }
}
