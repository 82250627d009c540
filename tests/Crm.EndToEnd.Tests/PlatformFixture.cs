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
/// folder, with two replicas of every service but the web app (as a Kubernetes deployment runs several pods); and
/// channels to both gateways, the only door the tests use, which calls take in turns.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _data = NewDataFolder();
    private DistributedApplication? _app;
    private List<GrpcChannel> _channels = [];

    /// <summary>How many processes run each service but the web app.</summary>
    public const int Replicas = 2;

    /// <summary>Who the journey calls as when it names nobody: the demo company's administrator.</summary>
    public const string Administrator = "ada";

    /// <summary>The folder where the platform's local SMTP sink keeps each e-mail the cadences send, one file each.</summary>
    public string MailFolder => CrmPlatform.LocalServers.SmtpSink.NewMail(Path.Combine(_data, CrmResources.Mail));

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
            ["--data", _data, "--ports", "any", "--demo", "off", "--replicas", $"{Replicas}"], timeout.Token);

        // Overdue invoices and missed targets are found within a fraction of a second, not a minute.
        appHost.CreateResourceBuilder<CrmPlatform.AppHost.Resources.CrmServiceResource>(CrmResources.Orders.Name)
            .WithEnvironment("Orders__OverdueCheckInterval", "00:00:00.200");
        appHost.CreateResourceBuilder<CrmPlatform.AppHost.Resources.CrmServiceResource>(CrmResources.Support.Name)
            .WithEnvironment("Support__ServiceLevelCheckInterval", "00:00:00.200");
        appHost.CreateResourceBuilder<CrmPlatform.AppHost.Resources.CrmServiceResource>(CrmResources.Gateway.Name)
            // A section gets 4 s, not the 2 s of a lone service: two replicas of everything and a browser share two
            // cores here, and a section slower than its limit shows as unavailable (a stopped service still answers
            // at once: its port refuses).
            .WithEnvironment("CustomerView__SectionTimeout", "00:00:04");

        // Every page load refreshes the person's token (an hour-long token is due an hour and a minute before it
        // expires), so every browser test also runs through the refresh.
        appHost.CreateResourceBuilder<CrmPlatform.AppHost.Resources.CrmServiceResource>(CrmResources.Web.Name)
            .WithEnvironment("SignIn__RefreshBefore", "01:01:00");

        _app = await appHost.BuildAsync(timeout.Token);
        foreach (var resource in _app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            _ = FollowLogAsync(resource);
        }

        try
        {
            await _app.StartAsync(timeout.Token);
            await Task.WhenAll(CrmResources.All.SelectMany(s => InstancesOf(s.Name)).Select(name => _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
            _channels = [.. InstancesOf(CrmResources.Gateway.Name).Select(g => GrpcChannel.ForAddress(_app.GetEndpoint(g, CrmResources.GrpcEndpoint)))];
            People = new DemoPeople(_app.GetEndpoint(CrmResources.Identity.Name, CrmResources.HttpEndpoint), DemoPassword);
            Gateway = new GatewayClients(new TakingTurnsCallInvoker([.. _channels.Select(c => c.CreateCallInvoker())]));
            Assert.True(
                await Gateway.EveryServiceAnswersAsync(ct => People.TokenOfAsync(Administrator, ct), StartTimeout, timeout.Token),
                $"a service did not answer through the gateway:{Environment.NewLine}{RecentLog}");
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"the platform was not up within {StartTimeout}; the resources' last lines:{Environment.NewLine}{RecentLog}", ex);
        }
        catch (DistributedApplicationException ex)
        {
            throw new InvalidOperationException($"the platform did not start ({ex.Message}); the resources' last lines:{Environment.NewLine}{RecentLog}", ex);
        }
    }

    /// <summary>The web app's address, exactly as the identity service sends people back to it.</summary>
    public Uri WebAddress => _app!.GetEndpoint(CrmResources.Web.Name, CrmResources.HttpEndpoint);

    /// <summary>The gateway's HTTP address (the accounting feed's pages).</summary>
    public Uri GatewayHttpAddress => _app!.GetEndpoint(CrmResources.Gateway.Name, CrmResources.HttpEndpoint);

    /// <summary>A token for the local accounting system, a machine client (client credentials, its secret from its file).</summary>
    public async Task<string> AccountingSystemTokenAsync()
    {
        var client = CrmPlatform.AppHost.Resources.IdentityBuilderExtensions.AccountingClient;
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client,
            ["client_secret"] = (await File.ReadAllTextAsync(new LocalSecrets(Path.Combine(_data, "secrets")).ClientSecretFile(client), TestContext.Current.CancellationToken)).Trim(),
            ["scope"] = "crm",
        });
        using var response = await http.PostAsync(new Uri(_app!.GetEndpoint(CrmResources.Identity.Name, CrmResources.HttpEndpoint), "connect/token"), form, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return answer.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The demo people's password (each test signs in as whom it needs).</summary>
    public string DemoPassword => new LocalSecrets(Path.Combine(_data, "secrets")).DemoPassword;

    /// <summary>A connection string to <paramref name="database"/> as the server's administrator, for a test that looks
    /// at what the services stored (no test changes anything this way).</summary>
    public string DatabaseAsAdministrator(string database) => PostgresServer.ConnectionString(
        _app!.GetEndpoint(CrmResources.Postgres, "tcp").Port, new LocalSecrets(Path.Combine(_data, "secrets")).Password("postgres-superuser"), database);

    /// <summary>The resource names of a service's processes: <c>leads</c>, then its replicas <c>leads-2</c> and on.</summary>
    public IReadOnlyList<string> InstancesOf(string service) => [.. ResourcesOf(service).Select(r => r.Name)];

    /// <summary>The address of one process of a service (not through the gateway: for tests of the replicas themselves).</summary>
    public Uri AddressOf(string instance, string endpoint) => _app!.GetEndpoint(instance, endpoint);

    /// <summary>The administrator's client of the broker's management API, to look at queues.</summary>
    public HttpClient BrokerManagement() => RabbitMqServer.ManagementClient(
        _app!.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RabbitMqNodeResource>().Single().Options);

    /// <summary>Stops every process of one service through the orchestrator, as an outage would.</summary>
    public async Task StopServiceAsync(string name)
    {
        foreach (var instance in InstancesOf(name))
        {
            await _app!.ResourceCommands.ExecuteCommandAsync(instance, KnownResourceCommands.StopCommand, TestContext.Current.CancellationToken);
            await _app.ResourceNotifications.WaitForResourceAsync(instance, KnownResourceStates.TerminalStates, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Starts a stopped service's processes again, as its orchestrator would, and waits until they are healthy.</summary>
    public async Task RestartServiceAsync(string name)
    {
        foreach (var instance in InstancesOf(name))
        {
            await _app!.ResourceCommands.ExecuteCommandAsync(instance, KnownResourceCommands.StartCommand, TestContext.Current.CancellationToken);
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(instance, TestContext.Current.CancellationToken);
        }
    }

    private IEnumerable<CrmServiceResource> ResourcesOf(string service)
    {
        var primary = _app!.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<CrmServiceResource>().Single(r => r.Name == service);
        return [primary, .. primary.Replicas];
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

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
