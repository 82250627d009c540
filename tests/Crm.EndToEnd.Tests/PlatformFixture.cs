using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Crm.Api.Clients;
using Crm.Testing;
using CrmPlatform.AppHost.Demo;
using CrmPlatform.AppHost.Resources;
using CrmPlatform.LocalServers;
using Grpc.Core;
using CrmPlatform.ServiceDefaults;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// The whole platform for the journey, started by the real app host through Aspire.Hosting.Testing: the same
/// PostgreSQL, RabbitMQ, services, gateway and web app as <c>./build.sh run</c>, on free ports and a scratch data
/// folder; and a channel to the gateway, the only door the tests use.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _data = NewDataFolder();
    private DistributedApplication? _app;
    private GrpcChannel? _channel;

    /// <summary>Who the journey calls as when it names nobody: the demo company's administrator.</summary>
    public const string Administrator = "ada";

    /// <summary>Every public API through the gateway.</summary>
    public GatewayClients Gateway { get; private set; } = null!;

    /// <summary>The demo company's people, signed in through the identity service as the web app signs them in.</summary>
    internal DemoPeople People { get; private set; } = null!;

    /// <summary>The access token of one of the demo company's people.</summary>
    public Task<string> TokenOfAsync(string user) => People.TokenOfAsync(user, TestContext.Current.CancellationToken);

    /// <summary>The last lines every resource (servers and services) printed, to explain a failure.</summary>
    public string RecentLog => string.Join(Environment.NewLine, _log.TakeLast(300));

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrmPlatform_AppHost>(
            ["--data", _data, "--ports", "any", "--demo", "off"], timeout.Token);

        // Overdue invoices and missed targets are found within a fraction of a second, not a minute.
        appHost.CreateResourceBuilder<CrmPlatform.AppHost.Resources.CrmServiceResource>(CrmResources.Orders.Name)
            .WithEnvironment("Orders__OverdueCheckInterval", "00:00:00.200");
        appHost.CreateResourceBuilder<CrmPlatform.AppHost.Resources.CrmServiceResource>(CrmResources.Support.Name)
            .WithEnvironment("Support__ServiceLevelCheckInterval", "00:00:00.200");
        appHost.CreateResourceBuilder<CrmPlatform.AppHost.Resources.CrmServiceResource>(CrmResources.Gateway.Name)
            .WithEnvironment("CustomerView__SectionTimeout", "00:00:02");

        _app = await appHost.BuildAsync(timeout.Token);
        foreach (var resource in _app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            _ = FollowLogAsync(resource);
        }

        try
        {
            await _app.StartAsync(timeout.Token);
            await Task.WhenAll(CrmResources.All.Select(s => _app.ResourceNotifications.WaitForResourceHealthyAsync(s.Name, timeout.Token)));
            _channel = GrpcChannel.ForAddress(_app.GetEndpoint(CrmResources.Gateway.Name, CrmResources.GrpcEndpoint));
            People = new DemoPeople(_app.GetEndpoint(CrmResources.Identity.Name, CrmResources.HttpEndpoint), new LocalSecrets(Path.Combine(_data, "secrets")).DemoPassword);
            Gateway = new GatewayClients(_channel.CreateCallInvoker());
            await AnswersThroughTheGatewayAsync(timeout.Token);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"the platform was not up within {StartTimeout}; the resources' last lines:{Environment.NewLine}{RecentLog}", ex);
        }
    }

    /// <summary>
    /// Healthy is not yet answering: each service's first call through the gateway builds its code paths and opens its
    /// connections, which on a loaded machine can take seconds. Ask every service once (NOT_FOUND is an answer).
    /// </summary>
    private async Task AnswersThroughTheGatewayAsync(CancellationToken cancellationToken)
    {
        var nobody = Guid.NewGuid().ToString();
        Func<CallOptions, Task>[] reads =
        [
            o => Gateway.Leads.GetCampaignAsync(new Crm.Leads.Grpc.V1.GetCampaignRequest { CampaignId = nobody }, o).ResponseAsync,
            o => Gateway.Opportunities.GetAccountAsync(new Crm.Opportunities.Grpc.V1.GetAccountRequest { CustomerId = nobody }, o).ResponseAsync,
            o => Gateway.Forecasts.GetPipelineAsync(new Crm.Forecasts.Grpc.V1.GetPipelineRequest(), o).ResponseAsync,
            o => Gateway.Orders.GetOrderAsync(new Crm.Orders.Grpc.V1.GetOrderRequest { OrderId = nobody }, o).ResponseAsync,
            o => Gateway.Support.GetCaseAsync(new Crm.Support.Grpc.V1.GetCaseRequest { CaseId = nobody }, o).ResponseAsync,
        ];
        foreach (var read in reads)
        {
            var answered = await Poll.UntilAsync(
                async _ =>
                {
                    try
                    {
                        await read(TestCalls.WithToken(await People.TokenOfAsync(Administrator, cancellationToken), TimeSpan.FromSeconds(30)));
                        return true;
                    }
                    catch (RpcException ex) when (ex.StatusCode is not (StatusCode.DeadlineExceeded or StatusCode.Unavailable))
                    {
                        return true;
                    }
                    catch (RpcException)
                    {
                        return false;
                    }
                },
                StartTimeout,
                cancellationToken);
            Assert.True(answered, $"a service did not answer through the gateway:{Environment.NewLine}{RecentLog}");
        }
    }

    /// <summary>Stops one service through the orchestrator, as an outage would.</summary>
    public async Task StopServiceAsync(string name)
    {
        await _app!.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand, TestContext.Current.CancellationToken);
        await _app.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates, TestContext.Current.CancellationToken);
    }

    /// <summary>Starts a stopped service again, as its orchestrator would, and waits until it is healthy.</summary>
    public async Task RestartServiceAsync(string name)
    {
        await _app!.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, TestContext.Current.CancellationToken);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _channel?.Dispose();
        People?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task FollowLogAsync(IResource resource)
    {
        try
        {
            var logs = _app!.Services.GetRequiredService<ResourceLoggerService>();
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(_stopping.Token))
            {
                foreach (var line in batch)
                {
                    _log.Enqueue($"{resource.Name}| {line.Content}");
                }

                while (_log.Count > 2000 && _log.TryDequeue(out _))
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The platform is stopping.
        }
    }

    // The servers run as the postgres and rabbitmq users, who must reach their folders inside this one.
    private static string NewDataFolder()
    {
        var folder = Directory.CreateTempSubdirectory("crm-e2e-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }
}
