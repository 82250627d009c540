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
    // What the app host says when it creates a PostgreSQL cluster: on the first start only, when the data is reused.
    private const string NewCluster = "PostgreSQL: created a new cluster";

    // What the orchestrator needs to stop the last processes once the app host has returned; under a full test run on
    // two cores the broker's epmd once took longer than 15 s.
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(45);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _data = NewDataFolder();

    [Fact]
    public async Task Starts_every_service_healthy_with_the_dashboard_stops_on_SIGTERM_leaving_nothing_and_reuses_its_data_next_time()
    {
        await using (var first = AppHostRun.Start(_data))
        {
            var endpoints = await first.WaitUntilUpAsync();
            await AssertEveryServiceHealthyAsync(endpoints.Http);
            await AssertEveryApiServingAsync(endpoints.Grpc);

            var processes = first.Processes();
            foreach (var program in (string[])["dcp", "postgres", "beam.smp", "epmd", "Crm.Gateway"])
            {
                Assert.Contains(processes, pid => Command(pid) == program);
            }

            Assert.Contains(first.Lines, line => line.Contains(NewCluster, StringComparison.Ordinal));
            // The table's own row (Aspire logs a login line of its own, which must not count).
            Assert.Contains(first.Lines, line => line.TrimStart().StartsWith("dashboard ", StringComparison.Ordinal) && line.Contains("/login?t=", StringComparison.Ordinal));

            // The demo company is loaded through the gateway; its conversions travel through RabbitMQ into other
            // services' consumers, and the dashboard shows such a trace whole. The loader first waits for every service
            // to answer through the gateway, which beside other test projects on two cores takes minutes.
            Assert.NotNull(endpoints.Dashboard);
            using var telemetry = DashboardTelemetry.Of(first, endpoints.Dashboard);
            var seen = await Poll.UntilAsync(
                async ct => await telemetry.GatewayToConsumerTraceAsync(ct) is not null, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
            Assert.True(seen, $"the dashboard shows no trace from the gateway into another service's consumer:{Environment.NewLine}{first.Output}");

            await StopAndAssertNothingLeftAsync(first, processes, endpoints.All);
        }

        await using var second = AppHostRun.Start(_data, null, "--demo", "off");
        var again = await second.WaitUntilUpAsync();
        Assert.DoesNotContain(second.Lines, line => line.Contains(NewCluster, StringComparison.Ordinal));
        await AssertEveryServiceHealthyAsync(again.Http);
        await StopAndAssertNothingLeftAsync(second, second.Processes(), again.All);
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
        await using var run = AppHostRun.Start(_data, environment, "--demo", "off");
        var endpoints = await run.WaitUntilUpAsync();
        await AssertEveryServiceHealthyAsync(endpoints.Http);

        var processes = run.Processes();
        Assert.Contains(processes, pid => Command(pid) == "dcp");
        Assert.DoesNotContain(processes, pid => Command(pid) is "postgres" or "beam.smp" or "epmd");
        foreach (var service in CrmResources.All.Where(s => s.Database is not null))
        {
            await using var connection = new NpgsqlConnection(servers.Postgres.ConnectionString(service.Database!));
            await connection.OpenAsync(TestContext.Current.CancellationToken);
        }

        await StopAndAssertNothingLeftAsync(run, processes, endpoints.All);
        Assert.True(Ports.IsListening(servers.Postgres.Port), "the configured PostgreSQL must be left running");
    }

    [Fact]
    public async Task A_missing_prerequisite_is_one_line_naming_the_install_command()
    {
        await using var run = AppHostRun.Start(_data, null, "--Postgres:BinDirectory", "/nonexistent/postgresql/bin");
        await run.Process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, run.Process.ExitCode);
        var line = Assert.Single(run.Lines, l => l.Contains("could not start", StringComparison.Ordinal));
        Assert.Contains("apt-get install -y postgresql", line, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.Empty(run.Processes());
    }

    [Fact]
    public async Task A_data_folder_its_servers_cannot_reach_stops_the_start_at_once_with_one_line()
    {
        // Directory.CreateTempSubdirectory makes a mode-700 folder, as mktemp -d and a home folder are.
        var closed = Directory.CreateTempSubdirectory("crm-closed-").FullName;
        try
        {
            await using var run = AppHostRun.Start(Path.Combine(closed, "data"), null, "--demo", "off");
            if (Posix.IsRoot)
            {
                await run.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.Equal(1, run.Process.ExitCode);
                var line = Assert.Single(run.Lines, l => l.Contains("could not start", StringComparison.Ordinal));
                Assert.Contains("cannot enter", line, StringComparison.Ordinal);
                Assert.Contains("--data DIR", line, StringComparison.Ordinal);
                Assert.Empty(run.Processes());
            }
            else
            {
                // Without root the servers run as this user, who owns the folder: the platform starts.
                var endpoints = await run.WaitUntilUpAsync();
                await StopAndAssertNothingLeftAsync(run, run.Processes(), endpoints.All);
            }
        }
        finally
        {
            Directory.Delete(closed, recursive: true);
        }
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
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(health.Status == HealthCheckResponse.Types.ServingStatus.Serving, $"{name}: {health.Status}");
        }
    }

    private static async Task StopAndAssertNothingLeftAsync(AppHostRun run, IReadOnlyList<int> processes, IReadOnlyList<Uri> endpoints)
    {
        // The app host returns once the orchestrator has stopped every resource; the orchestrator itself follows.
        Assert.Equal(0, await run.TerminateAsync(TimeSpan.FromSeconds(90)));
        var gone = await Poll.UntilAsync(
            () => !processes.Any(Posix.IsAlive) && run.Processes().Count == 0, StopBudget, TestContext.Current.CancellationToken);
        Assert.True(
            gone,
            $"still alive {StopBudget.TotalSeconds} s after SIGTERM: {string.Join(',', processes.Concat(run.Processes()).Where(Posix.IsAlive).Select(p => $"{p} {Command(p)}"))}");
        Assert.All(endpoints, e => Assert.False(Ports.IsListening(e.Port), $"{e} still listens"));
        Assert.False(File.Exists(run.EndpointsFile), "endpoints.json must go with the platform");
    }
}
