using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace CrmPlatform.LocalServers;

/// <summary>A RabbitMQ node from the OS packages with the management plugin, running as our child process.</summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string SystemUser = "rabbitmq";
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Epmd = "/usr/bin/epmd";
    private readonly ChildProcess _epmd;
    private readonly ChildProcessSpec _serverSpec;
    private readonly Action<string>? _onLine;
    private readonly HttpClient _management;
    private ChildProcess _server;

    private RabbitMqServer(ChildProcess epmd, ChildProcess server, ChildProcessSpec serverSpec, Action<string>? onLine, RabbitMqOptions options)
    {
        _epmd = epmd;
        _server = server;
        _serverSpec = serverSpec;
        _onLine = onLine;
        Options = options;
        _management = ManagementClient(options);
    }

    /// <summary>The node's administrator: it makes the virtual hosts and the users services connect as.</summary>
    public const string AdminUser = "crm-admin";

    public RabbitMqOptions Options { get; }

    /// <summary>An AMQP URI in Aspire's form, as the administrator; the path is the virtual host.</summary>
    public string ConnectionString(string virtualHost = "/") => ConnectionString(Options.AmqpPort, AdminUser, Options.AdminPassword, virtualHost);

    /// <summary>An AMQP URI in Aspire's form for <paramref name="user"/> on a local node's <paramref name="port"/>.</summary>
    public static string ConnectionString(int port, string user, string password, string virtualHost = "/")
    {
        var credentials = $"{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}";
        return virtualHost == "/"
            ? $"amqp://{credentials}@127.0.0.1:{port}"
            : $"amqp://{credentials}@127.0.0.1:{port}/{Uri.EscapeDataString(virtualHost)}";
    }

    /// <summary>A client of the node's management API, as the administrator.</summary>
    public static HttpClient ManagementClient(RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.ManagementPort}/api/") };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{options.AdminPassword}")));
        return client;
    }

    /// <summary>The pids of the node's tree and its port mapper, for a watchdog.</summary>
    public IReadOnlyList<int> TreePids() => [.. _server.TreePids(), .. _epmd.TreePids()];

    /// <summary>Writes the node's configuration, starts it and waits until AMQP and the management API answer.</summary>
    public static async Task<RabbitMqServer> StartAsync(RabbitMqOptions options, Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        Prepare(options);
        var epmd = await StartEpmdAsync(options, onLine, cancellationToken);
        var spec = NodeSpec(options);
        var node = new RabbitMqServer(epmd, ChildProcess.Start(spec, onLine), spec, onLine, options);
        try
        {
            await node.WaitUntilReadyAsync(cancellationToken);
        }
        catch (ServerStartException)
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Checks that RabbitMQ is installed and writes the node's configuration into its folder.</summary>
    public static void Prepare(RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(ServerScript) || !File.Exists(Epmd))
        {
            throw new MissingPrerequisiteException("RabbitMQ", "sudo apt-get install -y rabbitmq-server");
        }

        var dir = options.Directory;
        Directory.CreateDirectory(Path.Combine(dir, "mnesia"));
        Directory.CreateDirectory(Path.Combine(dir, "log"));
        File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[rabbitmq_management].\n");
        var definitions = Path.Combine(dir, "definitions.json");
        FileSystemAccess.WriteSecretFor(SystemUser, definitions, RabbitMqUsers.AdministratorDefinitions(AdminUser, options.AdminPassword));
        File.WriteAllText(Path.Combine(dir, "rabbitmq.conf"), string.Join('\n',
            $"listeners.tcp.1 = 127.0.0.1:{options.AmqpPort}",
            // Our administrator, loaded on every boot; the guest user is removed once the node answers.
            $"load_definitions = {definitions}",
            "management.tcp.ip = 127.0.0.1",
            $"management.tcp.port = {options.ManagementPort}",
            // Development machines and CI runners often have little free disk; the default 50 MB alarm would
            // block every publisher without a word in the services' logs.
            "disk_free_limit.absolute = 10MB",
            "log.console = true",
            "log.console.level = warning",
            "log.file = false",
            string.Empty));
        FileSystemAccess.GiveTo(SystemUser, dir);
    }

    /// <summary>
    /// The node's private Erlang port mapper. A node that finds no epmd on its port starts one of its own, daemonised
    /// and outside anyone's process tree, so ours runs first and stops with the node.
    /// </summary>
    public static ChildProcessSpec EpmdSpec(RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ChildProcessSpec("epmd", Epmd, ["-port", options.EpmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"], SystemUser);
    }

    /// <summary>
    /// The one way this platform runs a RabbitMQ node (after <see cref="Prepare"/> and with <see cref="EpmdSpec"/>
    /// running): the test fixture starts it as a child process, the app host as an Aspire executable resource.
    /// </summary>
    public static ChildProcessSpec NodeSpec(RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ChildProcessSpec("rabbitmq", ServerScript, [], SystemUser, NodeEnvironment(options), options.Directory);
    }

    private static async Task<ChildProcess> StartEpmdAsync(RabbitMqOptions options, Action<string>? onLine, CancellationToken cancellationToken)
    {
        var epmd = ChildProcess.Start(EpmdSpec(options), onLine);
        try
        {
            await Poll.UntilAsync(() => epmd.HasExited || Ports.IsListening(options.EpmdPort), TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await epmd.DisposeAsync();
            throw;
        }

        return epmd;
    }

    private static Dictionary<string, string?> NodeEnvironment(RabbitMqOptions options)
    {
        var dir = options.Directory;
        var port = options.EpmdPort.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = dir,
            ["ERL_EPMD_PORT"] = port,
            ["RABBITMQ_NODENAME"] = options.NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = options.AmqpPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = options.DistributionPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(dir, "rabbitmq"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(dir, "feature_flags"),
            ["RABBITMQ_LOGS"] = "-",
            // Schedulers that sleep instead of spinning when idle: on a small shared machine the spinning takes CPU from
            // the services and tests beside the node (RabbitMQ's advice for shared hosts). -start_epmd false: the node
            // uses our port mapper and never daemonises one of its own, which would outlive everything (an
            // orchestrator stops all processes at once, so the node can find ours gone while it shuts down).
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false +sbwt none +sbwtdcpu none +sbwtdio none",
            // The node's epmd monitor, finding our port mapper gone (stopped first, at the same moment as the node), runs a
            // short-lived erl to start another, which daemonises `epmd -daemon` for good: every erl started from the
            // node's environment reads ERL_FLAGS, so none starts one.
            ["ERL_FLAGS"] = "-start_epmd false",
        };
    }

    /// <summary>
    /// Stops the node gracefully and starts it again on the same ports and data, as an operator's restart would:
    /// durable queues and their messages survive, every client connection drops. Returns when it is ready again.
    /// </summary>
    /// <param name="whileDown">Awaited between the stop and the start, to keep the broker away until something happened.</param>
    /// <param name="cancellationToken">Stops waiting for the node to be ready.</param>
    public async Task RestartAsync(Func<CancellationToken, Task>? whileDown = null, CancellationToken cancellationToken = default)
    {
        await _server.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(30));
        await _server.DisposeAsync();
        if (whileDown is not null)
        {
            await whileDown(cancellationToken);
        }

        _server = ChildProcess.Start(_serverSpec, _onLine);
        await WaitUntilReadyAsync(cancellationToken);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var ready = await Poll.UntilAsync(IsReadyAsync, TimeSpan.FromSeconds(180), cancellationToken);
        if (!ready || _server.HasExited)
        {
            throw new ServerStartException($"RabbitMQ did not become ready on port {Options.AmqpPort} (it exited or 180 s passed):{Environment.NewLine}{_server.RecentOutput}");
        }

        await RabbitMqUsers.RemoveGuestAsync(_management, cancellationToken);
    }

    /// <summary>
    /// Creates <paramref name="virtualHost"/> (if new) with a user of its own (named as it, with
    /// <paramref name="password"/>) who may use it fully; returns that user's AMQP URI. The administrator may use it too.
    /// </summary>
    public async Task<string> EnsureVirtualHostAsync(string virtualHost, string password, CancellationToken cancellationToken = default)
    {
        using (var created = await _management.PutAsync(new Uri($"vhosts/{Uri.EscapeDataString(virtualHost)}", UriKind.Relative), JsonBody("{}"), cancellationToken))
        {
            created.EnsureSuccessStatusCode();
        }

        await RabbitMqUsers.GrantAsync(_management, AdminUser, virtualHost, cancellationToken);
        await RabbitMqUsers.EnsureAsync(_management, virtualHost, password, virtualHost, cancellationToken);
        return ConnectionString(Options.AmqpPort, virtualHost, password, virtualHost);
    }

    /// <summary>Deletes a virtual host and everything in it.</summary>
    public async Task DeleteVirtualHostAsync(string virtualHost, CancellationToken cancellationToken = default)
    {
        using var response = await _management.DeleteAsync(new Uri($"vhosts/{Uri.EscapeDataString(virtualHost)}", UriKind.Relative), cancellationToken);
    }

    /// <summary>The management API, for tests that inspect queues.</summary>
    public HttpClient Management => _management;

    /// <summary>The node stops gracefully on SIGTERM (its start script forwards it); then the port mapper goes.</summary>
    public async Task StopAsync()
    {
        await _server.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(30));
        await _epmd.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _server.DisposeAsync();
        await _epmd.DisposeAsync();
        _management.Dispose();
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        // A node that died will never answer: stop waiting and report its output.
        _server.HasExited ? Task.FromResult(true) : IsReadyAsync(_management, Options, cancellationToken);

    /// <summary>
    /// True when the management API answers and the node's AMQP listener is up (the readiness check of the fixture
    /// and of the app host alike). Asking the API rather than opening an AMQP connection keeps the node's log free of
    /// "client unexpectedly closed TCP connection" warnings.
    /// </summary>
    public static async Task<bool> IsReadyAsync(HttpClient management, RabbitMqOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(management);
        ArgumentNullException.ThrowIfNull(options);

        // A starting node can accept the connection and answer nothing for a long while: ask again rather than wait.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await management.GetAsync(new Uri("overview", UriKind.Relative), attempt.Token);
            return response.IsSuccessStatusCode && Ports.IsListening(options.AmqpPort);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
