using System.Globalization;
using System.Text.RegularExpressions;
using CrmPlatform.LocalServers;
using Xunit;

namespace Crm.Testing;

/// <summary>
/// Real PostgreSQL and RabbitMQ for a test assembly, started once on free loopback ports in a scratch folder, and
/// stopped with the folder removed at the end. Register it with
/// <c>[assembly: AssemblyFixture(typeof(CrmTestServers))]</c>; each test class takes it in its constructor and calls
/// <see cref="IsolateAsync"/> for a database and virtual host of its own. A watchdog stops the servers and removes
/// the folder should the test run be killed before it can.
/// </summary>
public sealed partial class CrmTestServers : IAsyncLifetime
{
    private OwnerWatchdog? _watchdog;
    private PostgresServer? _postgres;
    private RabbitMqServer? _rabbitMq;
    private int _isolations;

    public CrmTestServers()
    {
        var folder = Directory.CreateTempSubdirectory("crm-test-");

        // The servers run as the postgres and rabbitmq users, who must reach their folders inside this one.
        File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
        Root = folder.FullName;
    }

    /// <summary>The scratch folder that holds both servers' data.</summary>
    public string Root { get; }

    public PostgresServer Postgres => _postgres ?? throw NotStarted();

    public RabbitMqServer RabbitMq => _rabbitMq ?? throw NotStarted();

    /// <summary>Every pid of both servers, for tests of clean-up.</summary>
    public IReadOnlyList<int> ServerPids => [.. Postgres.TreePids(), .. RabbitMq.TreePids()];

    public async ValueTask InitializeAsync()
    {
        _watchdog = OwnerWatchdog.Start(Path.Combine(Root, "pids"), Root);
        var postgres = PostgresServer.StartAsync(new PostgresOptions(Path.Combine(Root, "postgres"), Ports.Free(), Durable: false, Secret()));
        var node = string.Create(CultureInfo.InvariantCulture, $"crmtest{Environment.ProcessId}x{Ports.Free()}@localhost");
        var rabbitMq = RabbitMqServer.StartAsync(new RabbitMqOptions(Path.Combine(Root, "rabbitmq"), Ports.Free(), Ports.Free(), Ports.Free(), Ports.Free(), node, Secret()));
        try
        {
            await Task.WhenAll(postgres, rabbitMq);
        }
        finally
        {
            _postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null;
            _rabbitMq = rabbitMq.IsCompletedSuccessfully ? rabbitMq.Result : null;
            _watchdog.Track([.. _postgres?.TreePids() ?? [], .. _rabbitMq?.TreePids() ?? []]);
        }
    }

    /// <summary>A new database and virtual host, named after <paramref name="owner"/> (usually the test class).</summary>
    public async Task<TestResources> IsolateAsync(string owner)
    {
        var number = Interlocked.Increment(ref _isolations);
        var name = string.Create(CultureInfo.InvariantCulture, $"{Unsafe().Replace(owner.ToLowerInvariant(), "_")}_{number}");
        if (name.Length > 60)
        {
            name = name[^60..];
        }

        // Each database and virtual host with its own role or user and password, as a service's in the app host.
        var database = await Postgres.EnsureDatabaseAsync(name, Secret());
        var broker = await RabbitMq.EnsureVirtualHostAsync(name, Secret());
        return new TestResources(name, database, broker);
    }

    /// <summary>A password made for this run only.</summary>
    public static string Secret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Restarts RabbitMQ (for tests of recovery; use servers of the test's own, since every other test class shares
    /// these). The watchdog learns the new node's pids.
    /// </summary>
    public async Task RestartRabbitMqAsync(Func<CancellationToken, Task>? whileDown = null, CancellationToken cancellationToken = default)
    {
        await RabbitMq.RestartAsync(whileDown, cancellationToken);
        _watchdog?.Track(RabbitMq.TreePids());
    }

    public async ValueTask DisposeAsync()
    {
        var stops = new List<Task>();
        if (_postgres is not null)
        {
            stops.Add(_postgres.DisposeAsync().AsTask());
        }

        if (_rabbitMq is not null)
        {
            stops.Add(_rabbitMq.DisposeAsync().AsTask());
        }

        await Task.WhenAll(stops);
        _watchdog?.Dispose();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static InvalidOperationException NotStarted() =>
        new("the test servers are not started: register CrmTestServers as an assembly fixture");

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Unsafe();
}
