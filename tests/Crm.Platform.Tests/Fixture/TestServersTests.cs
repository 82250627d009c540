using System.Diagnostics;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Crm.Platform.Tests.Fixture;

public sealed class TestServersTests(CrmTestServers servers)
{
    [Fact]
    public async Task Each_test_class_gets_a_database_and_virtual_host_of_its_own()
    {
        var first = await servers.IsolateAsync(nameof(TestServersTests));
        var second = await servers.IsolateAsync(nameof(TestServersTests));
        Assert.NotEqual(first.Name, second.Name, StringComparer.Ordinal);

        await ExecuteAsync(first.DatabaseConnectionString, "CREATE TABLE marker (id int)");
        const string markers = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'";
        Assert.Equal(1L, await ScalarAsync(first.DatabaseConnectionString, markers));
        Assert.Equal(0L, await ScalarAsync(second.DatabaseConnectionString, markers));

        await using (var connection = await Connect(first))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await channel.QueueDeclareAsync("marker", durable: true, exclusive: false, autoDelete: false, cancellationToken: TestContext.Current.CancellationToken);
            var found = await channel.QueueDeclarePassiveAsync("marker", TestContext.Current.CancellationToken);
            Assert.Equal("marker", found.QueueName);
        }

        await using var other = await Connect(second);
        await using var otherChannel = await other.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        var missing = await Assert.ThrowsAsync<OperationInterruptedException>(
            () => otherChannel.QueueDeclarePassiveAsync("marker", TestContext.Current.CancellationToken));
        Assert.Equal((ushort)404, missing.ShutdownReason?.ReplyCode);
    }

    [Fact]
    public async Task A_data_folder_that_the_server_user_cannot_reach_stops_the_start_at_once_saying_what_to_do()
    {
        // Directory.CreateTempSubdirectory makes a mode-700 folder, as mktemp -d and a home folder are.
        var closed = Directory.CreateTempSubdirectory("crm-closed-").FullName;
        try
        {
            var options = new PostgresOptions(Path.Combine(closed, "postgres"), Ports.Free(), Durable: false, CrmTestServers.Secret());
            if (Posix.IsRoot)
            {
                var clock = Stopwatch.StartNew();
                var refused = await Assert.ThrowsAsync<ServerStartException>(() => PostgresServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken));
                Assert.Contains("cannot enter", refused.Message, StringComparison.Ordinal);
                Assert.Contains("--data", refused.Message, StringComparison.Ordinal);
                // At once: the wait for a server to come up is two minutes.
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
            }
            else
            {
                // Without root the server runs as this user, who owns the folder: it starts.
                await using var server = await PostgresServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
                Assert.True(Ports.IsListening(server.Port));
            }
        }
        finally
        {
            Directory.Delete(closed, recursive: true);
        }
    }

    [Fact]
    public async Task Stopped_servers_leave_no_process_listener_or_folder_behind()
    {
        var other = new CrmTestServers();
        await other.InitializeAsync();
        var pids = other.ServerPids;
        var ports = new[]
        {
            other.Postgres.Port, other.RabbitMq.Options.AmqpPort, other.RabbitMq.Options.ManagementPort,
            other.RabbitMq.Options.DistributionPort, other.RabbitMq.Options.EpmdPort,
        };
        // The servers themselves; their short-lived helpers (a backend, the broker's disk check) may come and go.
        Assert.True(Posix.IsAlive(other.Postgres.TreePids()[0]));
        Assert.True(Posix.IsAlive(other.RabbitMq.TreePids()[0]));
        Assert.All(ports, port => Assert.True(Ports.IsListening(port), $"port {port} should be listening"));

        await other.DisposeAsync();

        Assert.All(pids, pid => Assert.False(Posix.IsAlive(pid), $"pid {pid} is still alive"));
        Assert.All(ports, port => Assert.False(Ports.IsListening(port), $"port {port} is still listening"));
        Assert.False(Directory.Exists(other.Root));
    }

    [Fact]
    public async Task Servers_of_an_owner_killed_outright_are_stopped_and_their_folder_removed()
    {
        // A stand-in for a test host that dies by SIGKILL: nothing of ours runs after it, only the watchdog.
        using var owner = Process.Start("sleep", "600");
        var folder = Directory.CreateTempSubdirectory("crm-watchdog-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        using var watchdog = OwnerWatchdog.Start(Path.Combine(folder, "pids"), folder, owner.Id);
        var port = Ports.Free();
        await using var postgres = await PostgresServer.StartAsync(
            new PostgresOptions(Path.Combine(folder, "postgres"), port, Durable: false, CrmTestServers.Secret()), cancellationToken: TestContext.Current.CancellationToken);
        var pids = postgres.TreePids();
        watchdog.Track(pids);

        owner.Kill();

        var cleaned = await Poll.UntilAsync(
            () => !pids.Any(Posix.IsAlive) && !Directory.Exists(folder),
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);
        Assert.True(cleaned, $"alive: {string.Join(',', pids.Where(Posix.IsAlive))}; folder exists: {Directory.Exists(folder)}");
        Assert.False(Ports.IsListening(port));
    }

    private static Task<IConnection> Connect(TestResources resources) =>
        new ConnectionFactory { Uri = new Uri(resources.MessagingConnectionString) }.CreateConnectionAsync(TestContext.Current.CancellationToken);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
