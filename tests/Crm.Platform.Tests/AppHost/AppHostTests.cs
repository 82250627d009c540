using System.Net;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Npgsql;

namespace Crm.Platform.Tests.AppHost;

public sealed class AppHostTests(CrmTestServers servers) : IDisposable
{
    // What initdb prints when it creates a cluster: seen on the first start only, when the data is reused.
    private const string InitdbSays = "database cluster will be initialized";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _data = NewDataFolder();

    [Fact]
    public async Task Starts_every_service_healthy_stops_on_SIGTERM_leaving_nothing_and_reuses_its_data_next_time()
    {
        await using (var first = AppHostRun.Start(_data))
        {
            var (http, grpc, elapsed) = await first.WaitUntilUpAsync(TimeSpan.FromMinutes(2));
            Assert.True(elapsed < TimeSpan.FromMinutes(2), $"first start took {elapsed}");
            await AssertEveryServiceHealthyAsync(http);
            await AssertEveryApiServingAsync(grpc);

            var tree = first.Process.TreePids();
            Assert.Contains(tree, pid => Command(pid) == "postgres");
            Assert.Contains(tree, pid => Command(pid) == "beam.smp");
            Assert.Contains(tree, pid => Command(pid) == "epmd");
            Assert.Contains(first.Lines, line => line.Contains(InitdbSays, StringComparison.Ordinal));
            await StopAndAssertNothingLeftAsync(first, tree, [.. http.Values, .. grpc.Values]);
        }

        await using var second = AppHostRun.Start(_data);
        var (again, againGrpc, elapsedAgain) = await second.WaitUntilUpAsync(TimeSpan.FromMinutes(2));
        Assert.True(elapsedAgain < TimeSpan.FromSeconds(30), $"second start took {elapsedAgain}");
        Assert.DoesNotContain(second.Lines, line => line.Contains(InitdbSays, StringComparison.Ordinal));
        await AssertEveryServiceHealthyAsync(again);
        await StopAndAssertNothingLeftAsync(second, second.Process.TreePids(), [.. again.Values, .. againGrpc.Values]);
    }

    [Fact]
    public async Task Uses_the_servers_named_in_configuration_instead_of_starting_its_own()
    {
        var broker = await servers.IsolateAsync("apphost_configured");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__postgres"] = servers.Postgres.AdminConnectionString,
            ["ConnectionStrings__messaging"] = broker.MessagingConnectionString,
        };
        await using var run = AppHostRun.Start(_data, environment);
        var (http, grpc, _) = await run.WaitUntilUpAsync(TimeSpan.FromMinutes(2));
        await AssertEveryServiceHealthyAsync(http);

        var tree = run.Process.TreePids();
        Assert.DoesNotContain(tree, pid => Command(pid) is "postgres" or "beam.smp" or "epmd");
        foreach (var service in CrmResources.All.Where(s => s.Database is not null))
        {
            await using var connection = new NpgsqlConnection(servers.Postgres.ConnectionString(service.Database!));
            await connection.OpenAsync(TestContext.Current.CancellationToken);
        }

        await StopAndAssertNothingLeftAsync(run, tree, [.. http.Values, .. grpc.Values]);
        Assert.True(Ports.IsListening(servers.Postgres.Port), "the configured PostgreSQL must be left running");
    }

    [Fact]
    public async Task A_missing_prerequisite_is_one_line_naming_the_install_command()
    {
        var broker = await servers.IsolateAsync("apphost_missing");
        await using var run = AppHostRun.Start(
            _data,
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["ConnectionStrings__messaging"] = broker.MessagingConnectionString },
            "--Postgres:BinDirectory", "/nonexistent/postgresql/bin");
        await run.Process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, run.Process.ExitCode);
        var lines = run.Lines.Where(l => !l.StartsWith("apphost", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("apt-get install -y postgresql", line, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static string NewDataFolder()
    {
        var folder = Directory.CreateTempSubdirectory("crm-apphost-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }

    private static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task AssertEveryServiceHealthyAsync(IReadOnlyDictionary<string, Uri> http)
    {
        Assert.Equal(CrmResources.All.Select(s => s.Name).Order(StringComparer.Ordinal), http.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, endpoint) in http)
        {
            using var response = await _http.GetAsync(new Uri(endpoint, "/health"), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name} answered {response.StatusCode}");
        }
    }

    /// <summary>Every service with a gRPC API says SERVING through the standard health protocol.</summary>
    private static async Task AssertEveryApiServingAsync(IReadOnlyDictionary<string, Uri> grpc)
    {
        foreach (var (name, endpoint) in grpc.Where(e => e.Key != CrmResources.Web.Name))
        {
            using var channel = GrpcChannel.ForAddress(endpoint);
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(health.Status == HealthCheckResponse.Types.ServingStatus.Serving, $"{name}: {health.Status}");
        }
    }

    private static async Task StopAndAssertNothingLeftAsync(AppHostRun run, IReadOnlyList<int> tree, IReadOnlyList<Uri> endpoints)
    {
        Assert.Equal(0, await run.TerminateAsync(TimeSpan.FromSeconds(90)));
        var gone = await Poll.UntilAsync(() => !tree.Any(Posix.IsAlive), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(gone, $"still alive after SIGTERM: {string.Join(',', tree.Where(Posix.IsAlive).Select(p => $"{p} {Command(p)}"))}");
        Assert.All(endpoints, e => Assert.False(Ports.IsListening(e.Port), $"{e} still listens"));
        Assert.False(File.Exists(run.EndpointsFile), "endpoints.json must go with the platform");
    }
}
