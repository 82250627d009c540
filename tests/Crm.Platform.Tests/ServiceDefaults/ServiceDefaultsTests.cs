using System.Net;
using System.Text.Json;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Platform.Tests.ServiceDefaults;

/// <summary>The defaults every service shares, tested on a real service process (leads).</summary>
public sealed class ServiceDefaultsTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private TestResources _resources = null!;

    public async ValueTask InitializeAsync() => _resources = await servers.IsolateAsync(nameof(ServiceDefaultsTests));

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Health_is_ready_when_the_database_and_the_broker_answer()
    {
        await using var leads = StartLeads(_resources.DatabaseConnectionString);
        await leads.WaitHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);

        var (status, health) = await GetAsync(leads, "/health");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("masstransit-bus").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(leads, "/alive")).Status);
    }

    [Fact]
    public async Task Health_is_not_ready_while_the_database_is_unreachable_but_the_process_is_alive()
    {
        var nowhere = $"Host=127.0.0.1;Port={Ports.Free()};Username=postgres;Database=leadsdb;Timeout=2";
        await using var leads = StartLeads(nowhere);

        var alive = await Poll.UntilAsync(
            async ct => await StatusOrNullAsync(leads, "/alive", ct) == HttpStatusCode.OK, StartTimeout, TestContext.Current.CancellationToken);
        Assert.True(alive, leads.Process.RecentOutput);

        var (status, health) = await GetAsync(leads, "/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", health.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Traces_metrics_and_logs_go_to_the_collector_named_by_the_OTEL_variables()
    {
        await using var collector = await OtlpCollector.StartAsync();
        const string serviceName = "leads-telemetry-probe";
        await using var leads = StartLeads(_resources.DatabaseConnectionString, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = serviceName,
        });
        await leads.WaitHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(leads, "/health")).Status);

        // A graceful stop flushes every signal that is still buffered.
        await leads.StopAsync();

        Assert.True(collector.Received("/v1/traces", serviceName), "no trace export carried the service name");
        Assert.True(collector.Received("/v1/traces", "GET /health"), "the request to /health was not traced with its route");
        Assert.True(collector.Received("/v1/metrics", serviceName), "no metric export carried the service name");
        Assert.True(collector.Received("/v1/logs", serviceName), "no log export carried the service name");
    }

    /// <summary>Regression: services logged every SQL statement and every forwarded call at Information.</summary>
    [Fact]
    public void Services_are_quiet_by_default_and_a_level_can_be_raised_by_configuration()
    {
        using var quiet = LoggersOf(WebApplication.CreateBuilder());
        Assert.False(quiet.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
        Assert.False(quiet.CreateLogger("System.Net.Http.HttpClient.leads.LogicalHandler").IsEnabled(LogLevel.Information));
        Assert.False(quiet.CreateLogger("Yarp.ReverseProxy.Forwarder.HttpForwarder").IsEnabled(LogLevel.Information));
        Assert.True(quiet.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Warning));
        Assert.True(quiet.CreateLogger("Crm.Orders.Consumers.OpportunityWonConsumer").IsEnabled(LogLevel.Information));

        var raised = WebApplication.CreateBuilder();
        raised.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        using var loud = LoggersOf(raised);
        Assert.True(loud.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));

        static ILoggerFactory LoggersOf(WebApplicationBuilder builder)
        {
            builder.AddServiceDefaults();
            var app = builder.Build();
            return app.Services.GetRequiredService<ILoggerFactory>();
        }
    }

    private ServiceProcess StartLeads(string database, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__" + CrmResources.Leads.Database] = database,
            ["ConnectionStrings__" + CrmResources.Messaging] = _resources.MessagingConnectionString,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            environment[key] = value;
        }

        return ServiceProcess.Start(RepositoryLayout.Find(), CrmResources.Leads, ServiceProcess.FreeEndpoints(), environment);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(ServiceProcess service, string path)
    {
        using var response = await _http.GetAsync(new Uri(service.Endpoints.Http, path), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task<HttpStatusCode?> StatusOrNullAsync(ServiceProcess service, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(service.Endpoints.Http, path), cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
