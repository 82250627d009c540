using System.Diagnostics;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;

namespace Crm.Platform.Tests.ServiceDefaults;

/// <summary>One built service running as its own process, configured by environment variables as the app host
/// configures it: for the tests of what every service shares.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private ServiceProcess(CrmService service, ServiceEndpoints endpoints, ChildProcess process)
    {
        Service = service;
        Endpoints = endpoints;
        Process = process;
    }

    public CrmService Service { get; }

    public ServiceEndpoints Endpoints { get; }

    public ChildProcess Process { get; }

    /// <summary>Starts <paramref name="service"/> from its build output.</summary>
    /// <param name="layout">The checkout.</param>
    /// <param name="service">Which service.</param>
    /// <param name="endpoints">Where it listens.</param>
    /// <param name="environment">Its configuration: connection strings, service discovery, OTEL_*.</param>
    /// <param name="onLine">Receives every line it prints.</param>
    public static ServiceProcess Start(
        RepositoryLayout layout,
        CrmService service,
        ServiceEndpoints endpoints,
        IReadOnlyDictionary<string, string?> environment,
        Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(environment);
        var assembly = layout.ServiceAssembly(service);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} is not built: run `dotnet build CrmPlatform.sln -c {layout.Configuration}` (./build.sh run does)", assembly);
        }

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = service.Name,
            ["Identity__Authority"] = Crm.Testing.TestIssuer.Default.Address.ToString(),
            ["Kestrel__Endpoints__grpc__Url"] = endpoints.Grpc.ToString(),
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["Kestrel__Endpoints__http__Url"] = endpoints.Http.ToString(),
            ["Kestrel__Endpoints__http__Protocols"] = "Http1",
            // One line per log entry, so that a failure message can quote the last lines whole.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = null,
        };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        var process = ChildProcess.Start(
            new ChildProcessSpec(service.Name, "dotnet", [assembly], Environment: variables, WorkingDirectory: Path.GetDirectoryName(assembly)),
            onLine);
        return new ServiceProcess(service, endpoints, process);
    }

    /// <summary>Two free loopback ports, for a service started by a test.</summary>
    public static ServiceEndpoints FreeEndpoints() =>
        new(new Uri($"http://127.0.0.1:{Ports.Free()}"), new Uri($"http://127.0.0.1:{Ports.Free()}"));

    /// <summary>Waits until <c>/health</c> answers 200; throws with its output if it exits or the time runs out.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri(Endpoints.Http, "/health");
        string? last = null;
        var clock = Stopwatch.StartNew();
        var healthy = await Poll.UntilAsync(
            async ct =>
            {
                if (Process.HasExited)
                {
                    return true;
                }

                try
                {
                    using var response = await http.GetAsync(health, ct);
                    last = await response.Content.ReadAsStringAsync(ct);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    last = ex.Message;
                    return false;
                }
            },
            timeout,
            cancellationToken);
        if (Process.HasExited)
        {
            throw new ServerStartException($"the {Service.Name} service exited with code {Process.ExitCode}:{Environment.NewLine}{Process.RecentOutput}");
        }

        if (!healthy)
        {
            throw new ServerStartException($"the {Service.Name} service was not healthy after {clock.Elapsed.TotalSeconds:F0} s: {last}");
        }
    }

    /// <summary>Graceful stop (SIGTERM), then a kill if it takes longer than 30 s.</summary>
    public Task StopAsync() => Process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Process.DisposeAsync();
    }
}
