using System.Collections.Concurrent;
using Crm.Api.Clients;
using Grpc.Net.Client;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Xunit;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// The whole platform for the journey: its own PostgreSQL and RabbitMQ, every service as a process configured as
/// the app host configures it, and a channel to the gateway, the only door the tests use.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly CrmTestServers _servers = new();
    private readonly ConcurrentQueue<string> _log = new();
    private LocalPlatform? _platform;
    private string? _data;

    private GrpcChannel? _channel;

    /// <summary>Every public API through the gateway.</summary>
    public GatewayClients Gateway { get; private set; } = null!;

    /// <summary>The last lines every service printed, to explain a failure.</summary>
    public string RecentLog => string.Join(Environment.NewLine, _log.TakeLast(300));

    public async ValueTask InitializeAsync()
    {
        await _servers.InitializeAsync();
        var broker = await _servers.IsolateAsync("journey");
        _data = Directory.CreateTempSubdirectory("crm-e2e-").FullName;
        _platform = await LocalPlatform.StartAsync(
            new PlatformOptions(
                RepositoryLayout.Find(),
                _data,
                _servers.Postgres.AdminConnectionString,
                broker.MessagingConnectionString,
                StablePorts: false,
                Environment: new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    // Overdue invoices and missed targets are found within a fraction of a second, not a minute.
                    ["Orders__OverdueCheckInterval"] = "00:00:00.200",
                    ["Support__ServiceLevelCheckInterval"] = "00:00:00.200",
                    ["CustomerView__SectionTimeout"] = "00:00:02",
                }),
            (source, line) =>
            {
                _log.Enqueue($"{source}| {line}");
                while (_log.Count > 2000 && _log.TryDequeue(out _))
                {
                }
            });
        _channel = GrpcChannel.ForAddress(_platform.Endpoints["gateway"].Grpc);
        Gateway = new GatewayClients(_channel.CreateCallInvoker());
    }

    /// <summary>Stops one service, as an outage would.</summary>
    public Task StopServiceAsync(string name) => _platform!.StopServiceAsync(name);

    /// <summary>Brings a stopped service back, as its orchestrator would.</summary>
    public Task RestartServiceAsync(string name) => _platform!.RestartServiceAsync(name, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        await _servers.DisposeAsync();
        if (_data is not null && Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
