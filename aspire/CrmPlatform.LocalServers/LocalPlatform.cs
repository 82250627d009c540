using System.Collections.Concurrent;
using CrmPlatform.ServiceDefaults;
using Npgsql;

namespace CrmPlatform.LocalServers;

/// <summary>
/// The whole platform on one machine: PostgreSQL and RabbitMQ (ours, or the ones configured), one database per
/// service, and every service as its own process configured by Aspire's contract. What <c>./build.sh run</c> ends
/// in, and what the end-to-end tests start.
/// </summary>
public sealed class LocalPlatform : IAsyncDisposable
{
    private readonly PlatformOptions _options;
    private readonly Action<string, string> _onLine;
    private readonly ConcurrentDictionary<string, ServiceProcess> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceEndpoints> _endpoints = new(StringComparer.Ordinal);
    private OwnerWatchdog? _watchdog;
    private PostgresServer? _postgres;
    private RabbitMqServer? _rabbitMq;

    private LocalPlatform(PlatformOptions options, Action<string, string> onLine)
    {
        _options = options;
        _onLine = onLine;
    }

    /// <summary>Where each service listens, by name.</summary>
    public IReadOnlyDictionary<string, ServiceEndpoints> Endpoints => _endpoints;

    /// <summary>The server connection used to create the databases.</summary>
    public string PostgresConnectionString { get; private set; } = string.Empty;

    public string MessagingConnectionString { get; private set; } = string.Empty;

    /// <summary>The running service processes, by name.</summary>
    public IReadOnlyDictionary<string, ServiceProcess> Services => _services;

    /// <summary>Starts everything and returns once every service answers /health; stops what it started on failure.</summary>
    /// <param name="options">What to start.</param>
    /// <param name="onLine">Receives (source, line) for every line a server or service prints.</param>
    /// <param name="cancellationToken">Aborts the start.</param>
    public static async Task<LocalPlatform> StartAsync(PlatformOptions options, Action<string, string> onLine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onLine);
        var platform = new LocalPlatform(options, onLine);
        try
        {
            await platform.StartServersAsync(cancellationToken);
            await platform.StartServicesAsync(cancellationToken);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the services (gracefully, in parallel), then the broker and the database.</summary>
    public async Task StopAsync()
    {
        await Task.WhenAll(_services.Values.Select(s => s.StopAsync()));
        var servers = new List<Task>();
        if (_rabbitMq is not null)
        {
            servers.Add(_rabbitMq.StopAsync());
        }

        if (_postgres is not null)
        {
            servers.Add(_postgres.StopAsync());
        }

        await Task.WhenAll(servers);
        _watchdog?.Dispose();
        _watchdog = null;
    }

    /// <summary>Stops a single service, as a test does to see the others cope.</summary>
    public Task StopServiceAsync(string name) =>
        _services.TryGetValue(name, out var process) ? process.StopAsync() : Task.CompletedTask;

    /// <summary>Starts a stopped service again on the same endpoints, with the same configuration, and waits until it
    /// is healthy.</summary>
    public async Task RestartServiceAsync(string name, CancellationToken cancellationToken = default)
    {
        var service = CrmResources.All.Single(s => s.Name == name);
        if (_services.TryGetValue(name, out var old))
        {
            await old.DisposeAsync();
        }

        var process = ServiceProcess.Start(_options.Layout, service, _endpoints[name], ServiceEnvironment(service), line => _onLine(name, line));
        _services[name] = process;
        _watchdog?.Track([process.Process.Id]);
        await process.WaitHealthyAsync(_options.HealthTimeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var service in _services.Values)
        {
            await service.DisposeAsync();
        }

        if (_rabbitMq is not null)
        {
            await _rabbitMq.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private async Task StartServersAsync(CancellationToken cancellationToken)
    {
        var run = Path.Combine(_options.DataDirectory, "run");
        Directory.CreateDirectory(run);
        _watchdog = OwnerWatchdog.Start(Path.Combine(run, "pids"), folderToRemove: null);

        var postgres = _options.PostgresConnectionString is { } given
            ? Task.FromResult<PostgresServer?>(null)
            : StartPostgresAsync(cancellationToken);
        var rabbitMq = _options.MessagingConnectionString is not null
            ? Task.FromResult<RabbitMqServer?>(null)
            : StartRabbitMqAsync(cancellationToken);
        try
        {
            await Task.WhenAll(postgres, rabbitMq);
        }
        finally
        {
            // Keep whichever did start, so that a failure of the other still stops it.
            _postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null;
            _rabbitMq = rabbitMq.IsCompletedSuccessfully ? rabbitMq.Result : null;
        }

        PostgresConnectionString = _options.PostgresConnectionString ?? _postgres!.AdminConnectionString;
        MessagingConnectionString = _options.MessagingConnectionString ?? _rabbitMq!.ConnectionString();
        foreach (var service in CrmResources.All.Where(s => s.Database is not null))
        {
            await PostgresServer.EnsureDatabaseAsync(PostgresConnectionString, service.Database!, cancellationToken);
        }
    }

    private async Task<PostgresServer?> StartPostgresAsync(CancellationToken cancellationToken)
    {
        var server = await PostgresServer.StartAsync(
            new PostgresOptions(Path.Combine(_options.DataDirectory, "postgres"), Port(5432 + 1), Durable: true, _options.PostgresBinDirectory),
            line => _onLine("postgres", line),
            cancellationToken);
        _watchdog!.Track(server.TreePids());
        return server;
    }

    private async Task<RabbitMqServer?> StartRabbitMqAsync(CancellationToken cancellationToken)
    {
        var server = await RabbitMqServer.StartAsync(
            new RabbitMqOptions(Path.Combine(_options.DataDirectory, "rabbitmq"), Port(5673), Port(15673), Port(25673), Port(4370), "crm@localhost"),
            line => _onLine("rabbitmq", line),
            cancellationToken);
        _watchdog!.Track(server.TreePids());
        return server;
    }

    private async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < CrmResources.All.Count; i++)
        {
            _endpoints[CrmResources.All[i].Name] = new ServiceEndpoints(
                new Uri($"http://127.0.0.1:{Port(5100 + i)}"),
                new Uri($"http://127.0.0.1:{Port(5200 + i)}"));
        }

        foreach (var service in CrmResources.All)
        {
            var process = ServiceProcess.Start(_options.Layout, service, _endpoints[service.Name], ServiceEnvironment(service), line => _onLine(service.Name, line));
            _services[service.Name] = process;
            _watchdog!.Track([process.Process.Id]);
        }

        await Task.WhenAll(_services.Values.Select(s => s.WaitHealthyAsync(_options.HealthTimeout, cancellationToken)));
    }

    /// <summary>Connection strings and service discovery, as an Aspire AppHost would set them.</summary>
    private Dictionary<string, string?> ServiceEnvironment(CrmService service)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__" + CrmResources.Messaging] = MessagingConnectionString,
        };
        if (service.Database is not null)
        {
            environment["ConnectionStrings__" + service.Database] =
                new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = service.Database }.ConnectionString;
        }

        foreach (var (name, endpoints) in _endpoints)
        {
            environment[$"services__{name}__grpc__0"] = endpoints.Grpc.ToString().TrimEnd('/');
            environment[$"services__{name}__http__0"] = endpoints.Http.ToString().TrimEnd('/');
        }

        foreach (var (key, value) in _options.Environment ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            environment[key] = value;
        }

        return environment;
    }

    private int Port(int preferred) => _options.StablePorts ? Ports.PreferredOrFree(preferred) : Ports.Free();
}
