using System.Globalization;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace Crm.Testing;

/// <summary>
/// A service hosted in the test process as in production (service defaults, its own wiring, Kestrel on free loopback
/// ports: gRPC on HTTP/2, health on HTTP/1.1), on a test class's database and virtual host. It is returned once
/// <c>/health</c> is ready, so its queues exist before a test publishes.
/// </summary>
public sealed class InProcessService : IAsyncDisposable
{
    private InProcessService(WebApplication app, Uri grpcAddress)
    {
        App = app;
        GrpcAddress = grpcAddress;
    }

    public WebApplication App { get; }

    /// <summary>Where its gRPC API listens (HTTP/2 cleartext).</summary>
    public Uri GrpcAddress { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="service">The service, whose database connection string is set to the test's.</param>
    /// <param name="resources">The test class's database and virtual host.</param>
    /// <param name="add">The service's <c>AddXxxService()</c>.</param>
    /// <param name="map">The service's <c>MapXxxService()</c>.</param>
    /// <param name="settings">More configuration, as <c>--Key=value</c> arguments.</param>
    public static async Task<InProcessService> StartAsync(
        CrmService service, TestResources resources, Action<WebApplicationBuilder> add, Action<WebApplication> map, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(map);
        var grpc = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Ports.Free()}"));
        var http = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Ports.Free()}");
        var builder = WebApplication.CreateBuilder(
        [
            $"--ConnectionStrings:{service.Database}={resources.DatabaseConnectionString}",
            $"--ConnectionStrings:{CrmResources.Messaging}={resources.MessagingConnectionString}",
            $"--Kestrel:Endpoints:grpc:Url={grpc}",
            "--Kestrel:Endpoints:grpc:Protocols=Http2",
            $"--Kestrel:Endpoints:http:Url={http}",
            "--Kestrel:Endpoints:http:Protocols=Http1",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:MassTransit=Error",
            .. settings,
        ]);
        builder.AddServiceDefaults();
        add(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var health = app.Services.GetRequiredService<HealthCheckService>();
        var ready = await Poll.UntilAsync(
            async token => (await health.CheckHealthAsync(token)).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);
        if (!ready)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"the {service.Name} service did not become ready within 60 s");
        }

        return new InProcessService(app, grpc);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
