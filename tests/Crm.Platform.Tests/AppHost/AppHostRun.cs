using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CrmPlatform.LocalServers;

namespace Crm.Platform.Tests.AppHost;

/// <summary>The app host as <c>./build.sh run</c> starts it, as a child process of the test.</summary>
internal sealed class AppHostRun : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();

    private AppHostRun(string dataDirectory, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> arguments)
    {
        DataDirectory = dataDirectory;
        var layout = RepositoryLayout.Find();
        Process = ChildProcess.Start(
            new ChildProcessSpec("apphost", "dotnet", [layout.AppHostAssembly, "--data", dataDirectory, "--ports", "any", "--demo", "off", .. arguments], Environment: environment),
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

    /// <summary>Waits for endpoints.json (written once every service is healthy) and returns each service's HTTP endpoint.</summary>
    public async Task<(IReadOnlyDictionary<string, Uri> Http, IReadOnlyDictionary<string, Uri> Grpc, TimeSpan Elapsed)> WaitUntilUpAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var up = await Poll.UntilAsync(() => Process.HasExited || File.Exists(EndpointsFile), timeout, TestContext.Current.CancellationToken);
        Assert.True(up && !Process.HasExited, $"the app host did not come up within {timeout}:{Environment.NewLine}{Output}");
        var elapsed = clock.Elapsed;

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(EndpointsFile, TestContext.Current.CancellationToken));
        var services = document.RootElement.GetProperty("services").EnumerateObject().ToList();
        return (
            services.ToDictionary(s => s.Name, s => new Uri(s.Value.GetProperty("http").GetString()!), StringComparer.Ordinal),
            services.ToDictionary(s => s.Name, s => new Uri(s.Value.GetProperty("grpc").GetString()!), StringComparer.Ordinal),
            elapsed);
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

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
